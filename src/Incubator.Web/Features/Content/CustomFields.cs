using System.Globalization;
using System.Text.Json;
using Incubator.Core.Content;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure.Caching;
using Incubator.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Incubator.Core.Time;

namespace Incubator.Web.Features.Content;

/// <summary>
/// A field a recipe adds to a directory content type (startup, enterprise, mentor, organisation), e.g. a province's
/// "OCOP rating" on startups. Its values live in the profile's <see cref="IHasCustomFields.CustomFields"/>; the forms,
/// the public profile, the API and search pick it up beside the type's own fields.
/// </summary>
internal sealed class CustomFieldDefinition
{
    public const int NameMaxLength = 64;
    public const int LabelMaxLength = 200;

    /// <summary>The kinds a custom field may have: the plain ones of <see cref="FieldKind"/>.</summary>
    public static readonly IReadOnlyList<FieldKind> Kinds =
    [
        FieldKind.Text, FieldKind.LongText, FieldKind.Url, FieldKind.Email, FieldKind.Phone, FieldKind.Date,
        FieldKind.WholeNumber, FieldKind.Money, FieldKind.Percent, FieldKind.Bool, FieldKind.Choice,
    ];

    public long Id { get; set; }

    /// <summary>The content type's name, e.g. "startup".</summary>
    public string ContentType { get; set; } = string.Empty;

    /// <summary>The stable key of the field within its type, e.g. "OcopStars".</summary>
    public string Name { get; set; } = string.Empty;

    public string LabelVi { get; set; } = string.Empty;
    public string? LabelEn { get; set; }
    public FieldKind Kind { get; set; }
    public bool Required { get; set; }

    /// <summary>Shown on the public profile and in the public API; otherwise only staff and the owner see it.</summary>
    public bool Public { get; set; }

    /// <summary>Its value is part of the item's search document (only when it is also public).</summary>
    public bool Searchable { get; set; }

    /// <summary>For <see cref="FieldKind.Choice"/>: the allowed values, as JSON.</summary>
    public string OptionsJson { get; set; } = "[]";

    public int Position { get; set; }

    public List<string> Options() => JsonSerializer.Deserialize<List<string>>(OptionsJson) ?? [];

    public string Label(bool english) => english && !string.IsNullOrEmpty(LabelEn) ? LabelEn : LabelVi;
}

internal sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> builder)
    {
        builder.ToTable("CustomFields");
        builder.Property(x => x.ContentType).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Name).HasMaxLength(CustomFieldDefinition.NameMaxLength).IsRequired();
        builder.Property(x => x.LabelVi).HasMaxLength(CustomFieldDefinition.LabelMaxLength).IsRequired();
        builder.Property(x => x.LabelEn).HasMaxLength(CustomFieldDefinition.LabelMaxLength);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.OptionsJson).HasMaxLength(4000).IsRequired();
        builder.HasIndex(x => new { x.ContentType, x.Name }).IsUnique();
    }
}

/// <summary>
/// A content type's fields for this request: its own, then the custom ones a recipe added, labelled in the reader's
/// language. The custom fields' definitions come from the <see cref="DataCache"/>, which a saved definition clears.
/// </summary>
internal sealed class ContentFieldsService(IncubatorDbContext db, DataCache cache)
{
    private IReadOnlyList<CustomFieldDefinition>? _definitions;

    public async Task<IReadOnlyList<CustomFieldDefinition>> CustomAsync(string contentType, CancellationToken cancellationToken = default)
    {
        _definitions ??= await cache.GetAsync<IReadOnlyList<CustomFieldDefinition>>(
            "content:custom-fields",
            [typeof(CustomFieldDefinition)],
            async token => await db.CustomFields.AsNoTracking().OrderBy(f => f.Position).ThenBy(f => f.Id).ToListAsync(token),
            cancellationToken);
        return [.. _definitions.Where(f => f.ContentType == contentType)];
    }

    public async Task<IReadOnlyList<ContentField>> ForAsync(ContentTypeDefinition type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.IsDirectory)
        {
            return type.Fields;
        }

        var custom = await CustomAsync(type.Name, cancellationToken);
        if (custom.Count == 0)
        {
            return type.Fields;
        }

        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return [.. type.Fields, .. custom.Select(d => ContentField.Custom(d, english))];
    }

    /// <summary>Forgets what was read, after a recipe changed the definitions within this scope.</summary>
    public void Reset() => _definitions = null;
}

/// <summary>Reads and writes the custom values of a profile, kept as one JSON object of strings.</summary>
internal static class CustomValues
{
    public static string? Get(IHasCustomFields profile, string name)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Read(profile).TryGetValue(name, out var value) ? value : null;
    }

    public static void Set(IHasCustomFields profile, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var values = Read(profile);
        if (string.IsNullOrEmpty(value))
        {
            values.Remove(name);
        }
        else
        {
            values[name] = value;
        }

        profile.CustomFields = JsonSerializer.Serialize(values);
    }

    public static SortedDictionary<string, string> Read(IHasCustomFields profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return string.IsNullOrEmpty(profile.CustomFields)
            ? new(StringComparer.Ordinal)
            : new(JsonSerializer.Deserialize<Dictionary<string, string>>(profile.CustomFields) ?? [], StringComparer.Ordinal);
    }

    /// <summary>The stored text of a parsed value: invariant, dates as yyyy-MM-dd, false as nothing.</summary>
    public static string? ToStored(object? value) => value switch
    {
        null => null,
        DateOnly d => VietnamTime.FormatIsoDate(d),
        bool b => b ? "true" : null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    /// <summary>The typed value of a stored text for the field's kind; what no longer parses is shown as it was written.</summary>
    public static object? FromStored(FieldKind kind, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return kind == FieldKind.Bool ? false : null;
        }

        return kind switch
        {
            FieldKind.Date when VietnamTime.TryParseIsoDate(value, out var d) => d,
            FieldKind.WholeNumber when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            FieldKind.Money when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var m) => m,
            FieldKind.Percent when decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) => p,
            FieldKind.Bool => value == "true",
            _ => value,
        };
    }
}
