using Incubator.Web.Data;
using Incubator.Web.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Cohorts;

/// <summary>
/// Cohort members as rows the targets count (source "cohortMembers"): one per organisation in a cohort, dated the day it
/// joined, its status active, graduated or left, its kind the cohort's key and its programme the cohort's programme.
/// "status: graduated" counts graduates.
/// </summary>
internal sealed class CohortIndicators(IncubatorDbContext db) : IIndicatorSource
{
    public string Name => "cohortMembers";

    public async Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken)
    {
        var rows = await (from m in db.Set<CohortMember>().AsNoTracking()
                          join c in db.Set<Cohort>().AsNoTracking() on m.CohortId equals c.Id
                          select new { m.Id, m.OrganisationId, m.JoinedOn, m.Status, c.Key, c.NameVi, c.ProgrammeKey })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new IndicatorRow(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.NameVi, r.JoinedOn)
        {
            Organisation = r.OrganisationId,
            Status = r.Status,
            Kind = r.Key,
            Programme = r.ProgrammeKey,
        })];
    }
}
