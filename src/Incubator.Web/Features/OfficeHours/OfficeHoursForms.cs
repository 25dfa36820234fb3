using System.Globalization;
using Incubator.Core.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>What the pages share: a slot's form, a session log's form, and putting a command's refusal beside the fields.</summary>
internal static class OfficeHoursForms
{
    public sealed class SlotForm
    {
        public string? Date { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Place { get; set; }
        public string? OnlineUrl { get; set; }
        public bool RepeatWeekly { get; set; }

        /// <summary>The form as the API's request: the date and times typed, in Vietnam time.</summary>
        public SlotCommands.Request ToRequest()
        {
            var date = Core.Time.VietnamTime.TryParseDate(Date, out var d) ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "?";
            return new SlotCommands.Request($"{date}T{Start?.Trim()}", $"{date}T{End?.Trim()}", Place, OnlineUrl, RepeatWeekly);
        }
    }

    public sealed class ItemRow
    {
        public string? Title { get; set; }
        public string? DueOn { get; set; }
        public string Owner { get; set; } = ActionItemOwner.Startup;
    }

    public sealed class LogForm
    {
        public string? BookingId { get; set; }
        public string? Notes { get; set; }
        public int? Minutes { get; set; }
        public bool NoShow { get; set; }
        public List<ItemRow> Items { get; set; } = [new(), new(), new()];

        /// <summary>The rows with a title or a date become action items; the rest are left out.</summary>
        public SessionCommands.LogRequest ToRequest() => new(
            Notes,
            [.. Items.Where(i => !string.IsNullOrWhiteSpace(i.Title) || !string.IsNullOrWhiteSpace(i.DueOn))
                .Select(i => new SessionCommands.ActionItemRequest(i.Title, Core.Time.VietnamTime.TryParseDate(i.DueOn, out var due) ? due : null, i.Owner))],
            Minutes,
            NoShow);
    }

    /// <summary>A refusal's messages beside the form's fields: each error key of the command is mapped to a field of the form.</summary>
    public static void AddTo(CommandResult result, ModelStateDictionary modelState, IStringLocalizer localizer, string prefix, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(fields);
        if (result.Detail is { } detail)
        {
            modelState.AddModelError(string.Empty, localizer[detail]);
        }

        foreach (var (field, message) in result.Errors)
        {
            var key = fields.TryGetValue(field, out var mapped) ? mapped : field;
            modelState.AddModelError(key.Length == 0 ? string.Empty : $"{prefix}.{key}", localizer[message]);
        }
    }

    public static readonly IReadOnlyDictionary<string, string> SlotFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["startsAt"] = nameof(SlotForm.Start),
        ["endsAt"] = nameof(SlotForm.End),
        ["place"] = nameof(SlotForm.Place),
        ["onlineUrl"] = nameof(SlotForm.OnlineUrl),
    };

    /// <summary>The log's fields; an action item's error goes to its row (actionItems[1].title → Items[1].Title) among the non-blank rows.</summary>
    public static Dictionary<string, string> LogFields(LogForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["notes"] = nameof(LogForm.Notes),
            ["minutes"] = nameof(LogForm.Minutes),
            ["actionItems"] = string.Empty,
        };
        var used = form.Items.Select((row, index) => (row, index)).Where(x => !string.IsNullOrWhiteSpace(x.row.Title) || !string.IsNullOrWhiteSpace(x.row.DueOn)).Select(x => x.index).ToList();
        for (var i = 0; i < used.Count; i++)
        {
            foreach (var (api, page) in new[] { ("title", "Title"), ("dueOn", "DueOn"), ("owner", "Owner") })
            {
                fields[$"actionItems[{i}].{api}"] = $"Items[{used[i]}].{page}";
            }
        }

        return fields;
    }
}
