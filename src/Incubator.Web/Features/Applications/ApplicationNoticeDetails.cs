using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// An approval's notice and e-mail name the decision they announce: its number, date and amount, which the applicant
/// needs to sign the support contract.
/// </summary>
internal sealed class ApplicationNoticeDetails(IncubatorDbContext db, IStringLocalizer<ApplicationService> localizer) : INoticeDetails
{
    public const string Approved = "application-approved";

    public IReadOnlySet<string> Templates { get; } = new HashSet<string>(StringComparer.Ordinal) { Approved };

    public async Task<IReadOnlyDictionary<string, string>> DetailsAsync(string template, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var wanted = itemIds.ToList();

        // Tracked and filtered after loading on purpose: in the step that approves, the decision is on the tracked
        // application, not yet in the database.
        var decided = (await db.Applications.Where(a => wanted.Contains(a.Id)).ToListAsync(cancellationToken)).Where(a => a.ApprovedAmount != null && a.DecisionNumber != null);
        return decided.ToDictionary(
            a => a.Id,
            a => localizer["Decision No. {0} dated {1} grants support of {2}.", a.DecisionNumber!, a.DecisionDate is { } date ? VietnamTime.FormatDate(date) : "—", Money.Format(a.ApprovedAmount!.Value)].Value,
            StringComparer.Ordinal);
    }
}
