using Incubator.Web.Data;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Organisations.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.CheckIns;

/// <summary>What the sections show: the organisation, its last report (if any) and how many it has filed.</summary>
internal sealed record CheckInSectionModel(string OrganisationId, CheckIn? Last, int Reports);

/// <summary>Reads what the check-in sections show; null when the organisation has no report and is in no cohort (nothing to say).</summary>
internal static class CheckInSummary
{
    public static async Task<CheckInSectionModel?> ReadAsync(IncubatorDbContext db, CheckInCommands commands, string id, CancellationToken cancellationToken)
    {
        var reports = db.Set<CheckIn>().AsNoTracking().Where(c => c.OrganisationId == id);
        var count = await reports.CountAsync(cancellationToken);
        if (count == 0 && await commands.CadenceAsync(id, cancellationToken) is null)
        {
            return null;
        }

        var last = await reports.OrderByDescending(c => c.PeriodStart).FirstOrDefaultAsync(cancellationToken);
        return new CheckInSectionModel(id, last, count);
    }
}

/// <summary>
/// The organisation's progress reports on its owner's pages (<c>/my/organisations/{id}</c>, <c>/my/incubation</c>):
/// the last report and the link to file the next one (<c>/my/organisations/{id}/checkins</c>).
/// </summary>
internal sealed class CheckInsOwnerSection(IncubatorDbContext db, CheckInCommands commands) : IOwnerOrganisationSection
{
    public int Order => 20;

    public async Task<OrganisationPageSectionView?> BuildAsync(OwnerOrganisationContext page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await CheckInSummary.ReadAsync(db, commands, page.Organisation.ContentItemId, cancellationToken) is { } model
            ? new OrganisationPageSectionView("/Features/CheckIns/_OwnerCheckIns.cshtml", model)
            : null;
    }
}

/// <summary>The organisation's progress reports on its back-office page: the last report and the link to its trends and reports.</summary>
internal sealed class CheckInsStaffSection(IncubatorDbContext db, CheckInCommands commands) : IOrganisationPageSection
{
    public int Order => 45;

    public async Task<OrganisationPageSectionView?> BuildAsync(OrganisationPageContext page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await CheckInSummary.ReadAsync(db, commands, page.Organisation.ContentItemId, cancellationToken) is { } model
            ? new OrganisationPageSectionView("/Features/CheckIns/Admin/_CheckInsSection.cshtml", model)
            : null;
    }
}

/// <summary>The text of the late-report notice (<see cref="CheckInReminderService"/>).</summary>
internal sealed class CheckInNotificationTexts : INotificationTexts
{
    public (string Subject, string Body)? Render(IStringLocalizer localizer, string template, string title)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return template == CheckInReminderService.Template
            ? (localizer["A progress report is late"], localizer["The progress report {0} has not arrived yet. File it on the organisation's progress reports page.", title])
            : null;
    }
}
