using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Cohorts.Admin;

/// <summary>One row of the cohorts' list: the cohort and how many members it has.</summary>
internal sealed record CohortRow(string Key, string NameVi, string NameEn, DateOnly StartsOn, DateOnly EndsOn, int Members);

/// <summary>The cohorts, the latest start first, a page at a time, each with its member count counted in the database.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(IncubatorDbContext db) : PageModel
{
    public const int PageSize = 20;

    public List<CohortRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(int? p, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, p ?? 1);
        var cohorts = db.Set<Cohort>().AsNoTracking();
        Total = await cohorts.CountAsync(cancellationToken);
        Rows = await cohorts.OrderByDescending(c => c.StartsOn).ThenBy(c => c.Key).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new CohortRow(c.Key, c.NameVi, c.NameEn, c.StartsOn, c.EndsOn, db.Set<CohortMember>().Count(m => m.CohortId == c.Id)))
            .ToListAsync(cancellationToken);
    }

    public string Link(int page) => Url.Page("/Cohorts/Admin/Index") + "?p=" + page.ToString(CultureInfo.InvariantCulture);
}
