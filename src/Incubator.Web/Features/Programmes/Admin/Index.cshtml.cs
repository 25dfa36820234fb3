using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Programmes.Admin;

/// <summary>One programme as the list shows it: its latest version, the round open now and what approvals committed.</summary>
internal sealed record ProgrammeRow(Programme Programme, bool HasPublished, string SupportType, ProgrammeRound? OpenRound, long Committed);

/// <summary>Support programmes with their budget and what is already committed; staff open one to edit its definition.</summary>
internal sealed class IndexModel(IncubatorDbContext db, TaxonomyService taxonomies, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public List<ProgrammeRow> Rows { get; } = [];
    public bool MayEdit { get; private set; }
    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        MayEdit = (await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded;
        var latest = await db.Programmes.AsNoTracking().Where(p => p.Latest && p.DeletedUtc == null).OrderBy(p => p.Title).ToListAsync(cancellationToken);
        var ids = latest.Select(p => p.ContentItemId).ToList();
        var published = (await db.Programmes.Where(p => p.Published && ids.Contains(p.ContentItemId)).Select(p => p.ContentItemId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var committed = await db.ProgrammeLedgers.AsNoTracking().Where(l => ids.Contains(l.ProgrammeId)).ToDictionaryAsync(l => l.ProgrammeId, l => l.Committed, cancellationToken);
        var types = (await taxonomies.TermsAsync(TaxonomyTerm.SupportTypes, cancellationToken)).ToDictionary(t => t.Code, t => t.Name(TaxonomyService.English), StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        Rows.AddRange(latest.Select(p => new ProgrammeRow(
            p, published.Contains(p.ContentItemId), types.GetValueOrDefault(p.SupportType, p.SupportType), p.OpenRound(now), committed.GetValueOrDefault(p.ContentItemId))));
    }
}
