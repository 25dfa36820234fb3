using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Admin;

public sealed class IndexModel(IncubatorDbContext db) : PageModel
{
    public int Submitted { get; private set; }
    public List<(ContentTypeDefinition Type, int Published, int Total)> Counts { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        foreach (var type in ContentTypes.All)
        {
            var live = type.Query(db).Where(x => x.DeletedUtc == null);
            Counts.Add((type, await live.CountAsync(x => x.Published, cancellationToken), await live.CountAsync(x => x.Latest, cancellationToken)));
        }

        foreach (var type in Organisations.OrganisationAccess.Kinds)
        {
            Submitted += await type.Query(db).OfType<DirectoryProfile>().CountAsync(x => x.Latest && x.DeletedUtc == null && x.ReviewState == ReviewState.Submitted, cancellationToken);
        }
    }
}
