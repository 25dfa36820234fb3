using Incubator.Core.Time;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Programmes;

/// <summary>/programmes: the published programmes that take applications now, soonest closing first.</summary>
internal sealed class IndexModel(ProgrammeService programmes, TaxonomyService taxonomies, TimeProvider clock) : PageModel
{
    public sealed record Row(Programme Programme, ProgrammeRound Round, string SupportType);

    public List<Row> Open { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        foreach (var (programme, round) in await programmes.OpenAsync(clock.GetUtcNow().UtcDateTime, cancellationToken))
        {
            Open.Add(new Row(programme, round, await taxonomies.NameAsync(TaxonomyTerm.SupportTypes, programme.SupportType, cancellationToken)));
        }
    }
}
