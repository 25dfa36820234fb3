using Incubator.Web.Features.Content;
using Incubator.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Incubator.Web.Features.Directory;

[OutputCache(PolicyName = PublicPageCache.Policy)]
internal sealed class ProfileModel(DirectoryQueries directory, ContentFieldsService contentFields, ContentDisplay display) : PageModel
{
    private static readonly HashSet<string> Headline = ["Title", "Summary"];

    public ContentTypeDefinition Type { get; private set; } = DirectoryContentTypes.Startup;
    public DirectoryProfile Profile { get; private set; } = null!;
    public List<(ContentField Field, string Text)> Rows { get; } = [];

    public async Task<IActionResult> OnGetAsync(string type, string slug, CancellationToken cancellationToken)
    {
        if (directory.TypeAt(type) is not { } definition
            || await directory.BySlugAsync(definition, slug, cancellationToken) is not { } profile)
        {
            return NotFound();
        }

        (Type, Profile) = (definition, profile);
        foreach (var field in (await contentFields.ForAsync(definition, cancellationToken)).Where(f => DirectoryContact.IsShown(f, profile) && !Headline.Contains(f.Name)))
        {
            if (await display.TextAsync(field, profile, cancellationToken) is { Length: > 0 } text)
            {
                Rows.Add((field, text));
            }
        }

        return Page();
    }
}
