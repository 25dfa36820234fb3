using Incubator.Core.Content;
using Incubator.Web.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Incubator.Web.Features.Content;

/// <summary>What the back office, the directory and the API need to know about one content type.</summary>
internal abstract class ContentTypeDefinition(string name, string route, string displayName, string pluralName)
{
    /// <summary>The type's name, e.g. "startup".</summary>
    public string Name { get; } = name;

    /// <summary>The URL segment of its lists, e.g. "startups" (/admin/content/startups, /directory/startups).</summary>
    public string Route { get; } = route;

    /// <summary>Localisation key of its singular name.</summary>
    public string DisplayName { get; } = displayName;

    /// <summary>Localisation key of its plural name.</summary>
    public string PluralName { get; } = pluralName;

    public abstract Type ClrType { get; }

    /// <summary>
    /// Whether the back office's generic content pages edit it; a type with structured parts (a programme's rounds,
    /// form and rubric) has its own editor instead.
    /// </summary>
    public bool GenericEditor { get; init; } = true;

    /// <summary>
    /// The Razor page (e.g. "/Programmes/Admin/Index") where staff list the items of a type with its own editor;
    /// null for the generic pages, which list a type at /admin/content/{route}.
    /// </summary>
    public string? AdminListPage { get; init; }

    /// <summary>Whether it appears in the public directory (the directory's own types say so).</summary>
    public bool IsDirectory { get; init; }

    /// <summary>How the public address of a published item is made from its slug; by default /{route}/{slug}.</summary>
    public Func<string, string>? PublicPath { get; init; }

    public abstract IReadOnlyList<ContentField> Fields { get; }

    public abstract IQueryable<ContentItem> Query(IncubatorDbContext db);

    public abstract ContentItem Create();

    /// <summary>The public address of a published item.</summary>
    public string PublicUrl(string slug) => PublicPath?.Invoke(slug) ?? $"/{Route}/{slug}";
}

internal sealed class ContentTypeDefinition<T>(string name, string route, string displayName, string pluralName, IReadOnlyList<ContentField> fields)
    : ContentTypeDefinition(name, route, displayName, pluralName)
    where T : ContentItem, new()
{
    public override Type ClrType => typeof(T);

    public override IReadOnlyList<ContentField> Fields => fields;

    public override IQueryable<ContentItem> Query(IncubatorDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<T>();
    }

    public override ContentItem Create() => new T();
}

/// <summary>
/// The site's content types, as the features that own them registered them with
/// <see cref="ContentTypeRegistrations.AddContentType"/>. The back office, the recipe steps, search and workflows
/// ask here instead of naming types; a type registered twice under one name takes its last registration (so a site or
/// a test can replace a type's definition), in the place of its first.
/// </summary>
internal sealed class ContentTypeRegistry
{
    public ContentTypeRegistry(IEnumerable<ContentTypeDefinition> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var order = new List<string>();
        var byName = new Dictionary<string, ContentTypeDefinition>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (!byName.ContainsKey(type.Name))
            {
                order.Add(type.Name);
            }

            byName[type.Name] = type;
        }

        All = [.. order.Select(n => byName[n])];
        Directory = [.. All.Where(t => t.IsDirectory)];
    }

    public IReadOnlyList<ContentTypeDefinition> All { get; }

    /// <summary>The types listed in the public directory.</summary>
    public IReadOnlyList<ContentTypeDefinition> Directory { get; }

    /// <summary>The type the generic pages edit at this route, or null.</summary>
    public ContentTypeDefinition? ByRoute(string? route) =>
        All.FirstOrDefault(t => t.GenericEditor && string.Equals(t.Route, route, StringComparison.OrdinalIgnoreCase));

    /// <summary>The type of that name, or null.</summary>
    public ContentTypeDefinition? Find(string? name) => All.FirstOrDefault(t => t.Name == name);

    public ContentTypeDefinition ByName(string name) => Find(name) ?? throw new InvalidOperationException($"No content type '{name}' is registered.");

    public ContentTypeDefinition Of(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return ByName(item.ContentType);
    }
}

internal static class ContentTypeRegistrations
{
    /// <summary>Adds a feature's content type to the <see cref="ContentTypeRegistry"/>.</summary>
    public static IServiceCollection AddContentType(this IServiceCollection services, ContentTypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        services.AddSingleton(type);
        services.TryAddSingleton<ContentTypeRegistry>();
        return services;
    }
}
