using Incubator.Core.Content;

namespace Incubator.Web.Features.Content;

/// <summary>Binds submitted values (from a form or a JSON body) onto an item through its type's fields.</summary>
public static class ContentForm
{
    /// <summary>
    /// Applies the given values; fields absent from <paramref name="values"/> are left as they are.
    /// Returns the errors; on any error the caller must not save.
    /// </summary>
    public static List<FieldError> Apply(ContentTypeDefinition type, ContentItem item, IReadOnlyDictionary<string, IReadOnlyList<string>> values, Func<string, string, bool> termExists)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(values);
        var errors = new List<FieldError>();
        foreach (var field in type.Fields)
        {
            if (values.TryGetValue(field.Name, out var submitted) && field.Apply(item, submitted, termExists) is { } error)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    /// <summary>The values of a posted form for every field of the type (a missing checkbox or multi-select counts as empty).</summary>
    public static Dictionary<string, IReadOnlyList<string>> FromForm(ContentTypeDefinition type, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(form);
        return type.Fields.ToDictionary(f => f.Name, f => (IReadOnlyList<string>)[.. form[f.Name].Select(v => v ?? string.Empty)]);
    }
}
