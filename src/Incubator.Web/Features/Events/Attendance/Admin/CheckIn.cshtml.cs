using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Attendance.Admin;

/// <summary>
/// Check-in at the door, on a phone: the ticket's short code typed (case, spaces and dashes do not matter) or filled in
/// from the QR code (the camera app opens this page with <c>?code=</c>; the page's own script reads the code with the
/// browser's BarcodeDetector), or a photo of the ticket decoded on the server where the browser has no detector.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[RequestFormLimits(MultipartBodyLengthLimit = QrPhoto.MaxBytes + 64 * 1024)]
[RequestSizeLimit(QrPhoto.MaxBytes + 128 * 1024)]
internal sealed class CheckInModel(EventCommands events, EventCheckIn checkIn, UserManager<User> users, IStringLocalizer<CheckInModel> localizer) : PageModel
{
    public Event Event { get; private set; } = null!;

    /// <summary>The code in the box: the link's, or the one just refused (so it can be corrected).</summary>
    public string? Code { get; private set; }

    public string? Message { get; private set; }
    public bool Success { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? code, CancellationToken cancellationToken)
    {
        if (await events.LatestAsync(slug, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        Event = item;
        Code = EventCheckIn.NormalizeCode(code) is { Length: > 0 } normalized ? normalized : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string? code, CancellationToken cancellationToken)
    {
        if (await events.LatestAsync(slug, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        Event = item;
        if (string.IsNullOrWhiteSpace(code))
        {
            ModelState.AddModelError("code", localizer["Type the code printed under the QR code."]);
            return Page();
        }

        return await CheckInAsync(item, code, cancellationToken);
    }

    public async Task<IActionResult> OnPostPhotoAsync(string slug, IFormFile? photo, CancellationToken cancellationToken)
    {
        if (await events.LatestAsync(slug, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        Event = item;
        if (photo is null || photo.Length == 0)
        {
            ModelState.AddModelError("photo", localizer["Take a photo of the QR code."]);
            return Page();
        }

        if (photo.Length > QrPhoto.MaxBytes)
        {
            ModelState.AddModelError("photo", localizer["The photo is larger than 10 MB; take it again closer to the code."]);
            return Page();
        }

        string? text;
        try
        {
            await using var stream = photo.OpenReadStream();
            text = await QrPhoto.ReadAsync(stream, cancellationToken);
        }
        catch (InvalidDataException)
        {
            ModelState.AddModelError("photo", localizer["This file is not a photo the site can read (JPEG, PNG or WebP)."]);
            return Page();
        }

        if (text is null)
        {
            ModelState.AddModelError("photo", localizer["No QR code was found in the photo. Take it again, closer and sharper, or type the code."]);
            return Page();
        }

        return await CheckInAsync(item, text, cancellationToken);
    }

    private async Task<IActionResult> CheckInAsync(Event item, string code, CancellationToken cancellationToken)
    {
        var result = await checkIn.ByCodeAsync(item, code, users.GetUserId(User)!, cancellationToken);
        (Success, Message) = CheckInMessages.Describe(result, localizer);
        if (result.Outcome is CheckInOutcome.NotFound or CheckInOutcome.OtherEvent)
        {
            Code = EventCheckIn.NormalizeCode(code);
        }

        return Page();
    }
}
