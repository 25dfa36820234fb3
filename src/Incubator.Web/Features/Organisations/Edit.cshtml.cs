using Incubator.Core.Content;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Organisations;

/// <summary>The owner creates or edits their profile (/my/organisations/new/{kind} or /my/organisations/{id}) and submits it.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.Uploads)]
internal sealed class EditModel(OrganisationAccess access, OwnerOrganisationSections sections, ContentManager content, ContentFieldsService contentFields, TaxonomyService taxonomies, Media.MediaStore media, UserManager<Account.User> users, IStringLocalizer<EditModel> localizer) : PageModel
{
    private IReadOnlyList<ContentField> _fields = [];

    public ContentTypeDefinition Type { get; private set; } = DirectoryContentTypes.Startup;
    public DirectoryProfile Profile { get; private set; } = null!;
    public ProfileStatus Status { get; private set; }
    public bool IsNew { get; private set; }
    public FieldsView Fields { get; private set; } = null!;
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>What other features show the owner about this organisation (its mentors, its cohort...).</summary>
    public IReadOnlyList<Admin.OrganisationPageSectionView> Sections { get; private set; } = [];
    [TempData]
    public string? Message { get; set; }

    /// <summary>The owner reads their organisation's timeline as its owner, never with staff-only entries, even when they are staff too.</summary>
    public Timeline.TimelineViewer OwnerViewer => new(users.GetUserId(User), IsStaff: false, IsOwner: true);

    public async Task<IActionResult> OnGetAsync(string id, string? kind, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, kind, cancellationToken))
        {
            return NotFound();
        }

        await BuildFieldsAsync(null, cancellationToken);
        if (!IsNew)
        {
            Sections = await sections.BuildAsync(new OwnerOrganisationContext(Type, Profile, users.GetUserId(User)!, OwnerPage.Profile), cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string? kind, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, kind, cancellationToken))
        {
            return NotFound();
        }

        var userId = users.GetUserId(User)!;
        var posted = ContentForm.FromForm(_fields, Request.Form);
        var termExists = await taxonomies.ExistsAsync(cancellationToken);
        var (images, imageErrors) = await ContentForm.StoreFilesAsync(_fields, Request.Form, media, cancellationToken);
        Collect(imageErrors);
        if (IsNew)
        {
            Profile.OwnerId = userId;
            ContentForm.ApplyImages(_fields, Profile, images);
            if (Collect(ContentForm.Apply(_fields, Profile, posted, termExists)) && Errors.Count == 0)
            {
                await content.CreateAsync(Profile, userId, publish: false, cancellationToken);
                Message = localizer["Saved. Submit the profile when it is ready."].Value;
                return RedirectToPage("/Organisations/Edit", new { id = Profile.ContentItemId });
            }
        }
        else
        {
            var saved = await content.UpdateAsync(Type, Profile.ContentItemId, item =>
            {
                ContentForm.ApplyImages(_fields, item, images);
                if (!Collect(ContentForm.Apply(_fields, item, posted, termExists)) || Errors.Count > 0)
                {
                    return false;
                }

                return true;
            }, userId, cancellationToken);
            if (saved is not null)
            {
                Message = localizer["Saved. Submit the profile when it is ready."].Value;
                return RedirectToPage("/Organisations/Edit", new { id = Profile.ContentItemId });
            }
        }

        media.Delete(images.Values);
        await BuildFieldsAsync(posted, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, null, cancellationToken) || IsNew)
        {
            return NotFound();
        }

        try
        {
            await content.SubmitAsync(Type, Profile.ContentItemId, users.GetUserId(User)!, cancellationToken);
            Message = localizer["Submitted. Staff will review your profile."].Value;
        }
        catch (ContentRuleException ex)
        {
            Message = localizer[ex.Message].Value;
        }

        return RedirectToPage("/Organisations/Edit", new { id = Profile.ContentItemId });
    }

    private bool Collect(List<FieldError> errors)
    {
        foreach (var error in errors)
        {
            Errors[error.Field] = ContentDisplay.Describe(error, localizer);
        }

        return errors.Count == 0;
    }

    private async Task<bool> LoadAsync(string id, string? kind, CancellationToken cancellationToken)
    {
        if (id is null or "new")
        {
            if (OrganisationAccess.KindOf(kind ?? RouteData.Values["kind"] as string) is not { } type)
            {
                return false;
            }

            (Type, Profile, IsNew) = (type, (DirectoryProfile)type.Create(), true);
            _fields = await contentFields.ForAsync(type, cancellationToken);
            return true;
        }

        if (await access.FindOwnedAsync(users.GetUserId(User)!, id, cancellationToken) is not var (found, profile))
        {
            return false;
        }

        (Type, Profile) = (found, profile);
        _fields = await contentFields.ForAsync(found, cancellationToken);
        Status = await access.StatusAsync(found, profile, cancellationToken);
        return true;
    }

    private async Task BuildFieldsAsync(IReadOnlyDictionary<string, IReadOnlyList<string>>? posted, CancellationToken cancellationToken) =>
        Fields = new FieldsView(Type, _fields, Profile, await FieldsView.TermsFor(_fields, taxonomies, cancellationToken), Errors, posted);
}
