using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Reviews;

/// <summary>A reviewer's assignments: only theirs, each with what it waits for from them.</summary>
[Authorize]
public sealed class IndexModel(ReviewSubmission reviews, UserManager<User> users) : PageModel
{
    public List<(Review Review, SupportApplication Application)> Assignments { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Message = TempData["Message"] as string;
        Assignments = await reviews.AssignmentsAsync(users.GetUserId(User)!, cancellationToken);
    }
}
