using Incubator.Web.Data;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Reviews;

/// <summary>
/// A rejection the council's scores decided says why in its notice and e-mail: the mean below the pass mark, or the
/// criterion too many reviewers scored 0. A leader's refusal after a passing review adds nothing here; its reason is
/// the leader's comment in the history.
/// </summary>
internal sealed class RejectionNoticeDetails(IncubatorDbContext db, ProgrammeService programmes, IStringLocalizer<ReviewSubmission> localizer) : INoticeDetails
{
    public const string Rejected = "application-rejected";

    public IReadOnlySet<string> Templates { get; } = new HashSet<string>(StringComparer.Ordinal) { Rejected };

    public async Task<IReadOnlyDictionary<string, string>> DetailsAsync(string template, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var wanted = itemIds.ToList();
        var applications = await db.Applications.AsNoTracking().Where(a => wanted.Contains(a.Id)).Select(a => new { a.Id, a.ProgrammeId }).ToListAsync(cancellationToken);
        foreach (var application in applications)
        {
            if (await programmes.LatestAsync(application.ProgrammeId, cancellationToken) is not { } programme
                || await CouncilVerdict.ConsolidateAsync(db, application.Id, programme.Rubric, cancellationToken) is not { } result
                || ConsolidationWords.Reason(localizer, result, programme.Rubric, System.Globalization.CultureInfo.CurrentCulture) is not { } reason)
            {
                continue;
            }

            found[application.Id] = reason;
        }

        return found;
    }
}
