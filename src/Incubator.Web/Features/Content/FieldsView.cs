using Incubator.Core.Content;
using Incubator.Web.Features.Taxonomies;

namespace Incubator.Web.Features.Content;

/// <summary>What the _Fields partial needs to draw a content type's form.</summary>
internal sealed record FieldsView(
    ContentTypeDefinition Type,
    IReadOnlyList<ContentField> Fields,
    ContentItem Item,
    IReadOnlyDictionary<string, IReadOnlyList<TaxonomyTerm>> Terms,
    IReadOnlyDictionary<string, string> Errors,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Posted)
{
    public IReadOnlyList<string> Values(ContentField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Posted is not null && Posted.TryGetValue(field.Name, out var posted) ? posted : field.Display(Item);
    }

    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<TaxonomyTerm>>> TermsFor(IReadOnlyList<ContentField> fields, TaxonomyService taxonomies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(taxonomies);
        var result = new Dictionary<string, IReadOnlyList<TaxonomyTerm>>(StringComparer.Ordinal);
        foreach (var taxonomy in fields.Select(f => f.Taxonomy).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            result[taxonomy] = await taxonomies.TermsAsync(taxonomy, cancellationToken);
        }

        return result;
    }
}
