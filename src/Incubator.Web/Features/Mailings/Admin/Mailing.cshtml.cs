using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mailings.Admin;

/// <summary>
/// A mailing: its counts (<see cref="MailingProgress"/>), its text, and for a draft the send form, which states how
/// many consenting members it will go to and asks the sender to confirm they have checked the text; the send itself
/// is <see cref="SendMailing"/>, which refuses a mailing already sent.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class MailingModel(
    IncubatorDbContext db, SegmentMembers members, SendMailing send, UserManager<User> users, IStringLocalizer<MailingModel> localizer) : PageModel
{
    [TempData]
    public string? MailingMessage { get; set; }

    /// <summary>The sender's confirmation that the text was checked.</summary>
    [BindProperty]
    public bool Checked { get; set; }

    public Mailing Mailing { get; private set; } = null!;
    public Segment? Segment { get; private set; }
    public MailingProgress Progress { get; private set; } = null!;

    /// <summary>For a draft, the segment's members who have consented now (a send writes one e-mail per distinct address).</summary>
    public int Consenting { get; private set; }

    public string? SentBy { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSendAsync(string id, CancellationToken cancellationToken)
    {
        if (!Checked)
        {
            ModelState.AddModelError(nameof(Checked), localizer["Confirm that you have checked the text."]);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var result = await send.SendAsync(id, users.GetUserId(User), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            result.AddTo(ModelState, localizer);
            foreach (var key in ModelState.Keys.Where(k => k.Length > 0 && k != nameof(Checked)).ToList())
            {
                foreach (var error in ModelState[key]!.Errors)
                {
                    ModelState.AddModelError(string.Empty, error.ErrorMessage);
                }

                ModelState.Remove(key);
            }

            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        MailingMessage = localizer["The mailing is being sent to {0} recipients.", result.Value].Value;
        return RedirectToPage("/Mailings/Admin/Mailing", new { id });
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await db.Set<Mailing>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } mailing)
        {
            return false;
        }

        Mailing = mailing;
        Segment = await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == mailing.SegmentId, cancellationToken);
        Progress = await MailingProgress.ReadAsync(db, id, cancellationToken);
        if (mailing.Status == MailingStatus.Draft && Segment is not null)
        {
            var filter = SegmentFilter.FromJson(Segment.FilterJson);
            Consenting = filter.Consented == false ? 0 : await members.CountAsync(filter with { Consented = true }, cancellationToken);
        }

        if (mailing.SentBy is { } by)
        {
            SentBy = (await UserNames.ReadAsync(db, [by], cancellationToken)).GetValueOrDefault(by, by);
        }

        return true;
    }
}
