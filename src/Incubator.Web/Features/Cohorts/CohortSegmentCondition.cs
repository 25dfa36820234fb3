using Incubator.Web.Data;
using Incubator.Web.Features.Mailings;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Cohorts;

/// <summary>The segment filter's <c>cohort</c>: the organisations that are members of the cohort of that key (active or graduated).</summary>
internal sealed class CohortSegmentCondition(IncubatorDbContext context) : ISegmentCondition
{
    public string Name => "cohort";

    public async Task<string?> CheckAsync(string value, CancellationToken cancellationToken) =>
        await context.Set<Cohort>().AnyAsync(c => c.Key == value, cancellationToken) ? null : "No such cohort.";

    public IQueryable<string> Organisations(IncubatorDbContext db, string value)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cohorts = db.Set<Cohort>().Where(c => c.Key == value).Select(c => c.Id);
        return db.Set<CohortMember>().Where(m => cohorts.Contains(m.CohortId) && m.Status != MemberStatus.Left).Select(m => m.OrganisationId);
    }
}
