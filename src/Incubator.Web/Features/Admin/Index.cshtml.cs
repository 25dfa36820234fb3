using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Admin;

internal sealed class IndexModel(IncubatorDbContext db, TimeProvider clock, Account.SecondFactorRule secondFactor, ContentTypeRegistry types) : PageModel
{
    public bool SecondFactorRequired => secondFactor.Required;

    public int Submitted { get; private set; }
    public List<(ContentTypeDefinition Type, int Published, int Total)> Counts { get; } = [];
    public int ToScreen { get; private set; }

    /// <summary>Milestones of funded applications whose progress report is late.</summary>
    public List<(DisbursementMilestone Milestone, string Title)> OverdueReports { get; private set; } = [];

    /// <summary>
    /// Where staff manage items of a type: the list page of its own editor (programmes), the generic pages, or nowhere
    /// (null) for a type with its own editor that names no list page.
    /// </summary>
    public string? ListUrl(ContentTypeDefinition type) =>
        type.AdminListPage is { } page ? Url.Page(page)
        : type.GenericEditor ? Url.Page("/Content/Admin/List", new { type = type.Route })
        : null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        foreach (var type in types.All)
        {
            var live = type.Query(db).Where(x => x.DeletedUtc == null);
            Counts.Add((type, await live.CountAsync(x => x.Published, cancellationToken), await live.CountAsync(x => x.Latest, cancellationToken)));
        }

        foreach (var type in Organisations.OrganisationAccess.Kinds)
        {
            Submitted += await type.Query(db).OfType<DirectoryProfile>().CountAsync(x => x.Latest && x.DeletedUtc == null && x.ReviewState == ReviewState.Submitted, cancellationToken);
        }

        ToScreen = await db.Applications.CountAsync(a => a.Status == ApplicationStatuses.Submitted, cancellationToken);
        OverdueReports = await FundingApi.OverdueReportsAsync(db, clock, cancellationToken);
    }
}
