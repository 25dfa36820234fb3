using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;

namespace Incubator.Web.Features.Reviews;

/// <summary>A reviewer's assignments: only theirs, each with what it waits for from them.</summary>
[Authorize]
internal sealed class IndexModel(ReviewSubmission reviews, UserManager<User> users) : PageModel
{
    public List<(Review Review, SupportApplication Application)> Assignments { get; private set; } = [];
    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Assignments = await reviews.AssignmentsAsync(users.GetUserId(User)!, cancellationToken);
    }
}
