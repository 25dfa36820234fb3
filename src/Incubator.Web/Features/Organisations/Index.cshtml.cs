using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Organisations;

internal sealed class IndexModel(OrganisationAccess access, UserManager<Account.User> users) : PageModel
{
    public List<(ContentTypeDefinition Type, DirectoryProfile Profile, ProfileStatus Status)> Owned { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Owned = await access.ListOwnedAsync(users.GetUserId(User)!, cancellationToken);
}
