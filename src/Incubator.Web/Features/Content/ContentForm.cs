using Incubator.Core.Content;

namespace Incubator.Web.Features.Content;

/// <summary>
/// Binds submitted values (from a form or a JSON body) onto an item through its type's fields: the list
/// <see cref="ContentFieldsService.ForAsync"/> gives, the type's own and the custom ones.
/// </summary>
internal static class ContentForm
{
    /// <summary>
    /// Applies the given values; fields absent from <paramref name="values"/> are left as they are.
    /// Returns the errors; on any error the caller must not save.
    /// </summary>
    public static List<FieldError> Apply(IReadOnlyList<ContentField> fields, ContentItem item, IReadOnlyDictionary<string, IReadOnlyList<string>> values, Func<string, string, bool> termExists)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(values);
        var errors = new List<FieldError>();
        foreach (var field in fields)
        {
            if (values.TryGetValue(field.Name, out var submitted) && field.Apply(item, submitted, termExists) is { } error)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    /// <summary>
    /// Stores the images uploaded for the type's image fields. Returns, per field that changes, the new stored
    /// name (or null when its "{field}.remove" box was ticked), and an error for each refused file.
    /// </summary>
    public static async Task<(Dictionary<string, string?> Images, List<FieldError> Errors)> StoreFilesAsync(IReadOnlyList<ContentField> fields, IFormCollection form, Media.MediaStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(store);
        var images = new Dictionary<string, string?>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        foreach (var field in fields.Where(f => f.Kind == FieldKind.Image))
        {
            if (form.Files.GetFile(field.Name) is { Length: > 0 } file)
            {
                try
                {
                    images[field.Name] = await store.SaveImageAsync(file, cancellationToken);
                }
                catch (ContentRuleException ex)
                {
                    errors.Add(new FieldError(field.Name, ex.Message));
                }
            }
            else if (form[field.Name + ".remove"] == "true")
            {
                images[field.Name] = null;
            }
        }

        return (images, errors);
    }

    /// <summary>Points the item's image fields at what <see cref="StoreFilesAsync"/> stored.</summary>
    public static void ApplyImages(IReadOnlyList<ContentField> fields, ContentItem item, IReadOnlyDictionary<string, string?> images)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(images);
        foreach (var field in fields.Where(f => images.ContainsKey(f.Name)))
        {
            field.Set(item, images[field.Name]);
        }
    }

    /// <summary>The values of a posted form for every field of the type (a missing checkbox or multi-select counts as empty).</summary>
    public static Dictionary<string, IReadOnlyList<string>> FromForm(IReadOnlyList<ContentField> fields, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(form);
        return fields.ToDictionary(f => f.Name, f => (IReadOnlyList<string>)[.. form[f.Name].Select(v => v ?? string.Empty)]);
    }
}
