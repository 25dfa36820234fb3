using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.People.Admin;

/// <summary>The people, by name, narrowed by a name, e-mail or phone, an organisation and a tag.</summary>
internal sealed class IndexModel(IncubatorDbContext db, OrganisationNames organisations, IAuthorizationService authorization) : PageModel
{
    public string? Q { get; private set; }
    public string? Organisation { get; private set; }
    public string? Tag { get; private set; }
    public List<Person> People { get; private set; } = [];
    public Dictionary<string, OrganisationName> Organisations { get; private set; } = [];
    public bool MayEdit { get; private set; }
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PeopleQuery.PageSize - 1) / PeopleQuery.PageSize);

    public async Task OnGetAsync(string? q, string? organisation, string? tag, int? p, CancellationToken cancellationToken)
    {
        (Q, Organisation, Tag) = (q?.Trim(), string.IsNullOrWhiteSpace(organisation) ? null : organisation, tag?.Trim());
        PageNumber = Math.Max(1, p ?? 1);
        MayEdit = (await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded;
        Organisations = await organisations.ListAsync(null, cancellationToken);
        (People, Total) = await PeopleQuery.PageAsync(db, Q, Organisation, Tag, PageNumber, cancellationToken);
    }

    public string Link(int page) =>
        Url.Page("/People/Admin/Index") + QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["organisation"] = Organisation,
            ["tag"] = Tag,
            ["p"] = page.ToString(CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
