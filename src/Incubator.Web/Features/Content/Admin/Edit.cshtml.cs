using Incubator.Core.Content;
using Incubator.Core.Text;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Taxonomies;
using Incubator.Web.Features.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Content.Admin;

/// <summary>Staff create and edit any content item, publish, unpublish or delete it, and read its history.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.Uploads)]
internal sealed class EditModel(
    IncubatorDbContext db, ContentManager content, ContentFieldsService contentFields, TaxonomyService taxonomies, Media.MediaStore media, WorkflowService workflows, ContentTypeRegistry types, UserManager<Account.User> users, IStringLocalizer<EditModel> localizer)
    : PageModel
{
    private IReadOnlyList<ContentField> _fields = [];

    public ContentTypeDefinition Type { get; private set; } = null!;
    public ContentItem Item { get; private set; } = null!;
    public bool IsNew { get; private set; }
    public bool HasPublished { get; private set; }
    public FieldsView Fields { get; private set; } = null!;
    public Dictionary<string, string> Errors { get; } = [];
    public string? PostedSlug { get; private set; }
    [TempData]
    public string? Message { get; set; }
    public List<AuditEntry> History { get; private set; } = [];
    public Dictionary<string, string> UserNames { get; private set; } = [];
    [TempData]
    public string? Error { get; set; }

    /// <summary>The item's latest workflow instance and the actions the user may take on it now; null when it has none.</summary>
    public WorkflowPanel? Workflow { get; private set; }

    public async Task<IActionResult> OnGetAsync(string type, string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(type, id, cancellationToken))
        {
            return NotFound();
        }

        await BuildAsync(null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string type, string id, string? then, string? slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(type, id, cancellationToken))
        {
            return NotFound();
        }

        var userId = users.GetUserId(User);
        var posted = ContentForm.FromForm(_fields, Request.Form);
        var termExists = await taxonomies.ExistsAsync(cancellationToken);
        var (images, imageErrors) = await ContentForm.StoreFilesAsync(_fields, Request.Form, media, cancellationToken);
        foreach (var error in imageErrors)
        {
            Errors[error.Field] = ContentDisplay.Describe(error, localizer);
        }

        var publish = then == "publish";
        PostedSlug = slug?.Trim() ?? string.Empty;
        if (PostedSlug.Length > 0 && !Slug.IsValid(PostedSlug))
        {
            Errors["Slug"] = localizer["The address may contain only lower-case letters, digits and dashes."];
        }

        bool Apply(ContentItem item)
        {
            foreach (var error in ContentForm.Apply(_fields, item, posted, termExists))
            {
                Errors[error.Field] = ContentDisplay.Describe(error, localizer);
            }

            ContentForm.ApplyImages(_fields, item, images);
            item.Slug = PostedSlug;
            return Errors.Count == 0;
        }

        if (IsNew)
        {
            if (Apply(Item))
            {
                await content.CreateAsync(Item, userId, publish, cancellationToken);
                return Done(publish ? "Saved and published." : "Saved as a draft.", Item.ContentItemId);
            }
        }
        else if (await content.UpdateAsync(Type, Item.ContentItemId, Apply, userId, cancellationToken) is not null)
        {
            if (publish)
            {
                await content.PublishAsync(Type, Item.ContentItemId, userId, cancellationToken: cancellationToken);
            }

            return Done(publish ? "Saved and published." : "Saved as a draft.", Item.ContentItemId);
        }

        media.Delete(images.Values);
        await BuildAsync(posted, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(string type, string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(type, id, cancellationToken) || IsNew)
        {
            return NotFound();
        }

        await content.PublishAsync(Type, id, users.GetUserId(User), cancellationToken: cancellationToken);
        return Done("Published.", id);
    }

    public async Task<IActionResult> OnPostUnpublishAsync(string type, string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(type, id, cancellationToken) || IsNew)
        {
            return NotFound();
        }

        await content.UnpublishAsync(Type, id, users.GetUserId(User), cancellationToken);
        return Done("Taken off the public site.", id);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string type, string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(type, id, cancellationToken) || IsNew)
        {
            return NotFound();
        }

        await content.DeleteAsync(Type, id, users.GetUserId(User), cancellationToken);
        Message = localizer["Deleted. Its history is kept."].Value;
        return RedirectToPage("/Content/Admin/List", new { type = Type.Route });
    }

    private RedirectToPageResult Done(string message, string id)
    {
        Message = localizer[message].Value;
        return RedirectToPage("/Content/Admin/Edit", new { type = Type.Route, id });
    }

    private async Task<bool> LoadAsync(string type, string id, CancellationToken cancellationToken)
    {
        if (types.ByRoute(type) is not { } definition)
        {
            return false;
        }

        Type = definition;
        _fields = await contentFields.ForAsync(definition, cancellationToken);
        if (id == "new")
        {
            (Item, IsNew) = (definition.Create(), true);
            return true;
        }

        if (await content.LatestAsync(definition, id, cancellationToken) is not { } item)
        {
            return false;
        }

        Item = item;
        HasPublished = item.Published || await definition.Query(db).AnyAsync(x => x.ContentItemId == id && x.Published, cancellationToken);
        return true;
    }

    private async Task BuildAsync(IReadOnlyDictionary<string, IReadOnlyList<string>>? posted, CancellationToken cancellationToken)
    {
        Fields = new FieldsView(Type, _fields, Item, await FieldsView.TermsFor(_fields, taxonomies, cancellationToken), Errors, posted);
        if (!IsNew)
        {
            History = await db.AuditEntries.AsNoTracking().Where(a => a.ContentType == Type.Name && a.ContentItemId == Item.ContentItemId)
                .OrderByDescending(a => a.Id).Take(100).ToListAsync(cancellationToken);
            var ids = History.Select(h => h.UserId).OfType<string>().Distinct().ToList();
            UserNames = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
            Workflow = await workflows.PanelAsync(Item.ContentItemId, users.GetUserId(User)!, cancellationToken);
        }
    }
}
