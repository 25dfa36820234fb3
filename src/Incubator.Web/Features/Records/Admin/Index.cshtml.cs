using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Records.Admin;

/// <summary>The four kinds of record staff keep for the provincial targets, with how many of each there are.</summary>
internal sealed class IndexModel(IncubatorDbContext db, IAuthorizationService authorization) : PageModel
{
    public List<(RecordKind Kind, int Count)> Kinds { get; } = [];
    public bool MayEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        MayEdit = (await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded;
        foreach (var kind in RecordKinds.All)
        {
            Kinds.Add((kind, await kind.CountAsync(db, cancellationToken)));
        }
    }
}
