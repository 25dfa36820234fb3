using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mailings.Admin;

/// <summary>The mailing form: the segment, and the subject and Markdown body in Vietnamese and optionally English.</summary>
internal sealed class MailingForm
{
    public string? SegmentId { get; set; }
    public string? SubjectVi { get; set; }
    public string? BodyVi { get; set; }
    public string? SubjectEn { get; set; }
    public string? BodyEn { get; set; }
}

/// <summary>
/// Writes a mailing (/admin/mailings/new, a segment possibly given) or changes a draft (/admin/mailings/{id}/edit)
/// through <see cref="CreateMailing"/>, whose refusals go beside the fields; a mailing already sent is refused there too.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class EditMailingModel(IncubatorDbContext db, CreateMailing create, UserManager<User> users, IStringLocalizer<EditMailingModel> localizer) : PageModel
{
    /// <summary>The segments offered, newest first; the one the mailing names is added when older.</summary>
    public const int ListedSegments = 200;

    [BindProperty]
    public MailingForm Form { get; set; } = new();

    public string? Id { get; private set; }
    public List<(string Id, string Name)> Segments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? id, string? segmentId, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is not null)
        {
            if (await db.Set<Mailing>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } mailing)
            {
                return NotFound();
            }

            if (mailing.Status != MailingStatus.Draft)
            {
                return RedirectToPage("/Mailings/Admin/Mailing", new { id });
            }

            Form = new MailingForm { SegmentId = mailing.SegmentId, SubjectVi = mailing.SubjectVi, BodyVi = mailing.BodyVi, SubjectEn = mailing.SubjectEn, BodyEn = mailing.BodyEn };
        }
        else
        {
            Form.SegmentId = segmentId;
        }

        await LoadSegmentsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id, CancellationToken cancellationToken)
    {
        Id = id;
        var texts = new CreateMailing.Texts(Form.SegmentId, Form.SubjectVi, Form.SubjectEn, Form.BodyVi, Form.BodyEn);
        var result = await create.SaveAsync(id, texts, users.GetUserId(User), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            if (result.Detail is { } detail)
            {
                ModelState.AddModelError(string.Empty, localizer[detail]);
            }

            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError(FieldOf(field), localizer[message]);
            }

            await LoadSegmentsAsync(cancellationToken);
            return Page();
        }

        TempData["MailingMessage"] = localizer["The mailing was saved."].Value;
        return RedirectToPage("/Mailings/Admin/Mailing", new { id = result.Value!.Id });
    }

    private static string FieldOf(string field) => field switch
    {
        "segmentId" => "Form.SegmentId",
        "subject.vi" => "Form.SubjectVi",
        "subject.en" => "Form.SubjectEn",
        "body.vi" => "Form.BodyVi",
        "body.en" => "Form.BodyEn",
        _ => string.Empty,
    };

    private async Task LoadSegmentsAsync(CancellationToken cancellationToken)
    {
        var segments = db.Set<Segment>().AsNoTracking();
        var rows = await segments.OrderByDescending(s => s.CreatedUtc).ThenByDescending(s => s.Id).Take(ListedSegments).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        if (Form.SegmentId is { } chosen && rows.TrueForAll(r => r.Id != chosen)
            && await segments.Where(s => s.Id == chosen).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(cancellationToken) is { } older)
        {
            rows.Add(older);
        }

        Segments = [.. rows.Select(r => (r.Id, r.Name))];
    }
}
