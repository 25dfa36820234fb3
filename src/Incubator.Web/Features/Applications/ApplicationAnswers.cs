using System.Globalization;
using System.Text.Json;
using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Features.Programmes;

namespace Incubator.Web.Features.Applications;

/// <summary>One answer as a reader sees it: the field, its value as text (null when unanswered), and the files of a file field.</summary>
internal sealed record AnswerRow(FormField Field, string? Text, IReadOnlyList<ApplicationAttachment> Files);

/// <summary>What the _ApplicationAnswers partial draws for one application.</summary>
internal sealed record AnswersView(string ApplicationId, IReadOnlyList<AnswerRow> Rows, IReadOnlyDictionary<string, string> Unknown);

/// <summary>
/// An application's answers written out by field type, with the form's labels: money in đồng, dates as dd/MM/yyyy,
/// choices by their label. The back office, the reviewer's page and the CSV export all show them this way.
/// </summary>
internal static class ApplicationAnswers
{
    /// <summary>
    /// The answers in the form's order. Given <paramref name="amountLabel"/>, the requested amount is among them, once,
    /// where the programme's form places it (see <see cref="ApplicationForm.Ordered"/>), so a page shows it nowhere else.
    /// </summary>
    public static AnswersView View(SupportApplication application, IReadOnlyList<FormField> form, IReadOnlyList<ApplicationAttachment> attachments, CultureInfo culture, string? amountLabel = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(attachments);
        form = amountLabel is null ? form : ApplicationForm.Ordered(form, amountLabel);
        var answers = application.Answers;
        // A field that places the requested amount shows the application's amount there (see ApplicationForm.IsRequestedAmount).
        var rows = form.Select(f => new AnswerRow(
            f,
            ApplicationForm.IsRequestedAmount(f) ? (application.RequestedAmount is { } requested ? Money.Format(requested) : null)
                : answers.TryGetValue(f.Key, out var value) ? Text(f, value, culture) : null,
            [.. attachments.Where(a => a.FieldKey == f.Key).OrderBy(a => a.Id)])).ToList();

        // Answers to fields the programme's form no longer has are still the applicant's words: shown, not dropped.
        var known = form.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var unknown = answers.Where(a => !known.Contains(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(a => a.Key, a => a.Value.ValueKind == JsonValueKind.String ? a.Value.GetString() ?? string.Empty : a.Value.GetRawText(), StringComparer.Ordinal);
        return new AnswersView(application.Id, rows, unknown);
    }

    /// <summary>One answer as text in the reader's language.</summary>
    public static string Text(FormField field, JsonElement value, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(culture);
        switch (field.Type)
        {
            case FormFieldType.Money when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var amount):
                return Money.Format(amount);
            case FormFieldType.Date when value.ValueKind == JsonValueKind.String
                && VietnamTime.TryParseIsoDate(value.GetString(), out var date):
                return VietnamTime.FormatDate(date);
            case FormFieldType.Choice when value.ValueKind == JsonValueKind.String:
                return Choice(field, value.GetString()!, culture);
            case FormFieldType.MultiChoice when value.ValueKind == JsonValueKind.Array:
                return string.Join("; ", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? Choice(field, v.GetString()!, culture) : v.GetRawText()));
            default:
                return value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
        }
    }

    private static string Choice(FormField field, string value, CultureInfo culture) =>
        field.Choices.FirstOrDefault(o => o.Value == value)?.Label.For(culture) ?? value;
}
