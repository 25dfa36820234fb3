using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Targets;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.CheckIns;

/// <summary>
/// Check-ins as rows the targets add up (source "checkins"): one row per check-in and metric, its <c>kind</c> the
/// metric (newJobs, revenue, employees, womenEmployees, funding, fundingGrant, fundingEquity, fundingLoan, customers,
/// productsLaunched, ipFilings, ipGranted, exports), its <c>value</c> the figure, dated the first day of the period,
/// its <c>status</c> "latest" for the organisation's newest check-in and "earlier" for the others, with the
/// organisation and its locality. So "sum of value, kinds [newJobs], from 2026-01-01 to 2026-12-31" counts the jobs
/// created in 2026, and "sum of value, kinds [revenue], statuses [latest]" adds up each organisation's latest revenue.
/// Never public: the figures are the startups' own business.
/// </summary>
internal sealed class CheckInIndicators(IncubatorDbContext db, LinkGenerator links) : IIndicatorSource
{
    public const string Latest = "latest";
    public const string Earlier = "earlier";

    public string Name => "checkins";

    public async Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken)
    {
        var checkIns = await db.Set<CheckIn>().AsNoTracking().ToListAsync(cancellationToken);
        var ids = checkIns.Select(c => c.OrganisationId).Distinct().ToList();
        var organisations = new Dictionary<string, (string Title, string? Locality, string Kind)>(StringComparer.Ordinal);
        foreach (var type in OrganisationAccess.Kinds)
        {
            var profiles = await type.Query(db).AsNoTracking().OfType<DirectoryProfile>().Where(p => p.Latest && ids.Contains(p.ContentItemId))
                .Select(p => new { p.ContentItemId, p.Title, p.Locality }).ToListAsync(cancellationToken);
            foreach (var p in profiles)
            {
                organisations[p.ContentItemId] = (p.Title, p.Locality, type.Name);
            }
        }

        var latest = checkIns.GroupBy(c => c.OrganisationId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.PeriodStart)!.Id, StringComparer.Ordinal);
        var rows = new List<IndicatorRow>(checkIns.Count * CheckInRules.Indicators.Count);
        foreach (var c in checkIns)
        {
            var organisation = organisations.GetValueOrDefault(c.OrganisationId);
            var link = links.PathToPage("/CheckIns/Admin/Organisation", new { id = c.OrganisationId });
            var status = latest[c.OrganisationId] == c.Id ? Latest : Earlier;
            foreach (var (kind, metric) in CheckInRules.Indicators)
            {
                rows.Add(new IndicatorRow(string.Create(CultureInfo.InvariantCulture, $"{c.Id}:{kind}"), $"{organisation.Title ?? c.OrganisationId} {c.Period}", c.PeriodStart)
                {
                    Link = link,
                    LinkIsBackOffice = true,
                    Organisation = c.OrganisationId,
                    Locality = organisation.Locality,
                    OrganisationKind = organisation.Kind,
                    Kind = kind,
                    Status = status,
                    Value = metric.Read(c),
                });
            }
        }

        return rows;
    }
}
