using System.Globalization;
using System.Text;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Incubator.Web.Features.CheckIns.Admin;

/// <summary>A period's totals over the cohort's members: how many reported and the sum of each number.</summary>
internal sealed record PeriodTotals(string Period, DateOnly PeriodStart, int Reports, IReadOnlyDictionary<string, long> Sums);

/// <summary>One member on the cohort's check-in page: its reports in the charted window, its last report, and whether it is late.</summary>
internal sealed record MemberTrends(CohortMemberView Member, IReadOnlyList<CheckIn> Reports, string? LastPeriod, DateTime? LastUpdatedUtc, bool Late);

/// <summary>
/// A cohort's check-ins for staff: the totals per period (the sum of the members' reports of that period, computed in
/// the database), each member's trends as sparklines with its last report and a flag when the period now due is
/// missing, and the whole as CSV.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class CohortModel(IncubatorDbContext db, CohortReader reader, TimeProvider clock, IOptions<CheckInsOptions> options, IStringLocalizer<CohortModel> localizer) : PageModel
{
    /// <summary>The periods the totals and the sparklines show.</summary>
    public const int Periods = 12;

    public const int Chunk = 1000;

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public CohortView View { get; private set; } = null!;
    public IReadOnlyList<PeriodTotals> Totals { get; private set; } = [];
    public IReadOnlyList<MemberTrends> Members { get; private set; } = [];
    public CheckInPeriod Due { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(key, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        View = view;
        var ids = view.Members.Select(m => m.Member.OrganisationId).Distinct().ToList();
        var reports = db.Set<CheckIn>().AsNoTracking().Where(c => ids.Contains(c.OrganisationId));
        var totals = await reports.GroupBy(c => new { c.Period, c.PeriodStart })
            .Select(g => new
            {
                g.Key.Period,
                g.Key.PeriodStart,
                Reports = g.Count(),
                Revenue = g.Sum(c => c.Revenue),
                Employees = g.Sum(c => (long)c.Employees),
                WomenEmployees = g.Sum(c => (long)c.WomenEmployees),
                NewJobs = g.Sum(c => (long)c.NewJobs),
                Funding = g.Sum(c => c.FundingGrant + c.FundingEquity + c.FundingLoan),
                Customers = g.Sum(c => (long)c.Customers),
                ProductsLaunched = g.Sum(c => (long)c.ProductsLaunched),
                IpFilings = g.Sum(c => (long)c.IpFilings),
                IpGranted = g.Sum(c => (long)c.IpGranted),
                Exports = g.Sum(c => c.Exports),
            })
            .OrderByDescending(t => t.PeriodStart).ThenBy(t => t.Period).Take(Periods).ToListAsync(cancellationToken);
        Totals = [.. totals.Select(t => new PeriodTotals(t.Period, t.PeriodStart, t.Reports, new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["revenue"] = t.Revenue, ["employees"] = t.Employees, ["womenEmployees"] = t.WomenEmployees, ["newJobs"] = t.NewJobs, ["funding"] = t.Funding,
            ["customers"] = t.Customers, ["productsLaunched"] = t.ProductsLaunched, ["ipFilings"] = t.IpFilings, ["ipGranted"] = t.IpGranted, ["exports"] = t.Exports,
        }))];

        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime));
        Due = CheckInsOptions.DuePeriod(today, view.Cohort.Cadence, options.Value.GraceDays);
        var since = CheckInPeriod.Containing(today, view.Cohort.Cadence);
        for (var i = 0; i < Periods; i++)
        {
            since = since.Previous();
        }

        var recent = await reports.Where(c => c.PeriodStart >= since.Start).OrderBy(c => c.PeriodStart).ToListAsync(cancellationToken);
        var last = await reports.GroupBy(c => c.OrganisationId)
            .Select(g => new { OrganisationId = g.Key, PeriodStart = g.Max(c => c.PeriodStart), UpdatedUtc = g.Max(c => c.UpdatedUtc) })
            .ToListAsync(cancellationToken);
        var due = Due.ToString();
        var dueReported = await reports.Where(c => c.Period == due).Select(c => c.OrganisationId).ToListAsync(cancellationToken);
        Members = [.. view.Members.Select(m =>
        {
            var mine = recent.Where(c => c.OrganisationId == m.Member.OrganisationId).ToList();
            var latest = last.FirstOrDefault(l => l.OrganisationId == m.Member.OrganisationId);
            var lastPeriod = latest is null ? null : mine.LastOrDefault(c => c.PeriodStart == latest.PeriodStart)?.Period ?? VietnamTime.FormatDate(latest.PeriodStart);
            var late = m.Member.Status == MemberStatus.Active && m.Member.JoinedOn <= Due.End && !dueReported.Contains(m.Member.OrganisationId);
            return new MemberTrends(m, mine, lastPeriod, latest?.UpdatedUtc, late);
        })];
        return Page();
    }

    /// <summary>Every report of the cohort's members as CSV, a chunk at a time.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string key, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(key, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        var names = view.Members.GroupBy(m => m.Member.OrganisationId).ToDictionary(g => g.Key, g => g.First().Name ?? g.Key, StringComparer.Ordinal);
        var ids = names.Keys.ToList();
        var name = string.Create(CultureInfo.InvariantCulture, $"checkins-{key}-{VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime):yyyyMMdd-HHmm}.csv");
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = name }.ToString();
        await using var writer = new StreamWriter(Response.Body, Utf8WithBom, bufferSize: 16 * 1024, leaveOpen: true);
        await WriteRowAsync(writer, [localizer["Organisation"], localizer["Period"], .. CheckInRules.All.Select(m => localizer[m.Label].Value), localizer["Comment"], localizer["Updated"]]);
        for (var page = 0; ; page++)
        {
            var rows = await db.Set<CheckIn>().AsNoTracking().Where(c => ids.Contains(c.OrganisationId))
                .OrderBy(c => c.OrganisationId).ThenBy(c => c.PeriodStart).ThenBy(c => c.Id).Skip(page * Chunk).Take(Chunk).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                await WriteRowAsync(writer, [
                    names.GetValueOrDefault(row.OrganisationId, row.OrganisationId), row.Period,
                    .. CheckInRules.All.Select(m => m.Read(row).ToString(CultureInfo.InvariantCulture)),
                    row.Comment, VietnamTime.FormatDateTime(row.UpdatedUtc)]);
            }

            await writer.FlushAsync(cancellationToken);
            if (rows.Count < Chunk)
            {
                break;
            }
        }

        return new EmptyResult();
    }

    private static async Task WriteRowAsync(StreamWriter writer, IEnumerable<string?> cells)
    {
        await writer.WriteAsync(string.Join(',', cells.Select(Csv.Cell)));
        await writer.WriteAsync("\r\n");
    }
}
