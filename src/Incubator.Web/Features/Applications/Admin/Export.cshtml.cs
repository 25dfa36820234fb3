using System.Globalization;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Shared;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications.Admin;

/// <summary>
/// The queue's rows, under the same filters (or the rows selected in it), as CSV for a spreadsheet: one column per form field of the programmes
/// present, amounts as plain numbers so they add up, and every cell defused against formulas.
/// </summary>
internal sealed class ExportModel(IncubatorDbContext db, ApplicationInbox queue, UserManager<User> users, TimeProvider clock, IStringLocalizer<ExportModel> localizer) : PageModel
{
    // The queue shows these under its own keys for the outcome of bulk actions.
    [TempData]
    public string? Error { get; set; }
    [TempData]
    public string? ErrorField { get; set; }

    public async Task<IActionResult> OnGetAsync(
        string? programme, string? round, string? status, string? assignee, string? q, string? sort, string? dir, string? order, CancellationToken cancellationToken)
    {
        var programmes = await ProgrammesAsync(cancellationToken);
        var filter = QueueAddress.Read(programme, round, status, assignee, q, sort, dir, order, programmes.Keys);
        return await CsvAsync(await queue.AllAsync(filter, users.GetUserId(User), cancellationToken), programmes, cancellationToken);
    }

    /// <summary>
    /// The applications selected in the queue, in the queue's order. Reading, not changing: the back office may export
    /// what it may read, so leaders may too. An unknown id refuses the whole export, as the other bulk actions do.
    /// </summary>
    [AllowedFor(Policies.BackOffice)]
    public async Task<IActionResult> OnPostAsync(string[]? ids, string? back, CancellationToken cancellationToken)
    {
        var selected = (ids ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).ToList();
        var applications = selected.Count == 0 ? null : await queue.SelectedAsync(selected, cancellationToken);
        if (applications is null)
        {
            Error = localizer[selected.Count == 0 ? "Select at least one application." : "Some of the selected applications do not exist or are not submitted; nothing was changed."];
            ErrorField = ApplicationAssignment.IdsField;
            return Redirect(back is not null && Url.IsLocalUrl(back) ? back : Url.Page("/Applications/Admin/Index")!);
        }

        return await CsvAsync(applications, await ProgrammesAsync(cancellationToken), cancellationToken);
    }

    private async Task<Dictionary<string, Programme>> ProgrammesAsync(CancellationToken cancellationToken) =>
        (await db.Programmes.AsNoTracking().Where(x => x.Latest && x.DeletedUtc == null).ToListAsync(cancellationToken))
            .ToDictionary(p => p.ContentItemId, StringComparer.Ordinal);

    private async Task<FileContentResult> CsvAsync(List<SupportApplication> applications, Dictionary<string, Programme> byId, CancellationToken cancellationToken)
    {
        var ids = applications.Select(a => a.Id).ToList();
        var attachments = (await db.ApplicationAttachments.AsNoTracking().Where(a => ids.Contains(a.ApplicationId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.ApplicationId, StringComparer.Ordinal);
        var organisationIds = applications.Select(a => a.OrganisationId).Distinct().ToList();
        var organisations = (await db.Startups.AsNoTracking().Where(o => organisationIds.Contains(o.ContentItemId) && o.Latest).Select(o => new { o.ContentItemId, o.Title }).ToListAsync(cancellationToken))
            .Concat(await db.Enterprises.AsNoTracking().Where(o => organisationIds.Contains(o.ContentItemId) && o.Latest).Select(o => new { o.ContentItemId, o.Title }).ToListAsync(cancellationToken))
            .ToDictionary(o => o.ContentItemId, o => o.Title, StringComparer.Ordinal);

        // One column per (programme, field), in the order the programmes first appear and their forms list the fields.
        var used = applications.Select(a => a.ProgrammeId).Distinct().Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        var columns = used.SelectMany(p => p.Form.Select(f => (Programme: p, Field: f))).ToList();
        var culture = CultureInfo.CurrentUICulture;
        var header = new List<string?>
        {
            localizer["Id"], localizer["Application"], localizer["Organisation"], localizer["Programme"], localizer["Round"], localizer["Status"],
            localizer["Requested amount (₫)"], localizer["Submitted"], localizer["Decision number"], localizer["Decision date"], localizer["Approved amount (₫)"],
        };
        header.AddRange(columns.Select(c => used.Count > 1 ? $"{c.Programme.Slug}: {c.Field.Label.For(culture)}" : c.Field.Label.For(culture)));

        var rows = new List<IEnumerable<string?>> { header };
        foreach (var application in applications)
        {
            var programmeOf = byId.GetValueOrDefault(application.ProgrammeId);
            var stored = application.Answers;
            var answers = programmeOf is null ? null : ApplicationAnswers.View(application, application.FormUnder(programmeOf), [.. attachments[application.Id]], culture);
            var row = new List<string?>
            {
                application.Id, application.Title, organisations.GetValueOrDefault(application.OrganisationId, application.OrganisationId),
                programmeOf?.Title ?? application.ProgrammeId, application.RoundKey, ApplicationStatuses.Label(localizer, application.Status),
                Number(application.RequestedAmount), application.SubmittedUtc is { } at ? VietnamTime.FormatDateTime(at) : null,
                application.DecisionNumber, application.DecisionDate is { } date ? VietnamTime.FormatDate(date) : null, Number(application.ApprovedAmount),
            };
            row.AddRange(columns.Select(c => c.Programme.ContentItemId != application.ProgrammeId
                ? null
                : answers?.Rows.FirstOrDefault(r => r.Field.Key == c.Field.Key) is { } answer
                    ? c.Field.Type == FormFieldType.File ? string.Join("; ", answer.Files.Select(f => f.FileName)) : Raw(c.Field, stored, answer.Text)
                    : null));
            rows.Add(row);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"applications-{VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime):yyyyMMdd-HHmm}.csv");
        return File(Csv.Write(rows), "text/csv; charset=utf-8", name);
    }

    /// <summary>Money and numbers stay numbers a spreadsheet can add, not "1.500.000 ₫".</summary>
    private static string? Raw(FormField field, Dictionary<string, System.Text.Json.JsonElement> answers, string? text) =>
        field.Type is FormFieldType.Money or FormFieldType.Number && answers.TryGetValue(field.Key, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.Number
            ? value.GetRawText()
            : text;

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
