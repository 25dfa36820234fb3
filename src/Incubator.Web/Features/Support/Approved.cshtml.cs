using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Support;

/// <summary>The support the province approved: programme, organisation, amount and decision, for everyone to see.</summary>
internal sealed class ApprovedModel(IncubatorDbContext db) : PageModel
{
    public List<FundingApi.ApprovedSupport> Approved { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Approved = await FundingApi.ApprovedSupportAsync(db, cancellationToken);
}
