using System.Globalization;
using System.Net.Mail;
using Incubator.Core.Content;
using Incubator.Core.Text;
using Incubator.Core.Time;

namespace Incubator.Web.Features.Content;

internal enum FieldKind
{
    Text,
    LongText,
    Markdown,
    Email,
    Url,
    Phone,
    TaxCode,
    Date,
    WholeNumber,
    Money,
    Percent,
    Term,
    Terms,
    Choice,
    Bool,

    /// <summary>An uploaded image; set from the form's files by <see cref="ContentForm.ApplyFilesAsync"/>, never from text.</summary>
    Image,
}

/// <summary>A problem with one submitted value: a localisation key with its arguments (the field's label first).</summary>
internal sealed record FieldError(string Field, string Message, params object[] Arguments);

/// <summary>
/// One editable field of a content type: how to read it, write it and parse it from a form or JSON value.
/// The back office's and the applicant's forms are drawn from these, so every type validates the same way.
/// </summary>
internal sealed class ContentField
{
    private ContentField(string name, string label, FieldKind kind, Func<ContentItem, object?> get, Action<ContentItem, object?> set)
    {
        Name = name;
        Label = label;
        Kind = kind;
        Get = get;
        Set = set;
    }

    public string Name { get; }

    /// <summary>Localisation key of the label.</summary>
    public string Label { get; }

    public FieldKind Kind { get; }
    public bool Required { get; private init; }

    /// <summary>Added by a recipe (<see cref="CustomFieldDefinition"/>): its label and choices are literal text, not localisation keys.</summary>
    public bool IsCustom { get; private init; }

    /// <summary>For a custom field: whether the public sees it.</summary>
    public bool IsPublic { get; private init; } = true;

    /// <summary>For a custom field: whether its value is searched.</summary>
    public bool IsSearchable { get; private init; }
    public int MaxLength { get; private init; } = 300;
    public long Max { get; private init; } = long.MaxValue;

    /// <summary>For <see cref="FieldKind.Term"/> and <see cref="FieldKind.Terms"/>: the taxonomy the codes come from.</summary>
    public string? Taxonomy { get; private init; }

    /// <summary>For <see cref="FieldKind.Choice"/>: the enum's names.</summary>
    public IReadOnlyList<string> Options { get; private init; } = [];

    public Func<ContentItem, object?> Get { get; }
    public Action<ContentItem, object?> Set { get; }

    /// <summary>The current value as the form shows it.</summary>
    public IReadOnlyList<string> Display(ContentItem item) => Get(item) switch
    {
        null => [],
        List<string> list => list,
        DateOnly d => [VietnamTime.FormatDate(d)],
        bool b => b ? ["true"] : [],
        IFormattable f => [f.ToString(null, CultureInfo.InvariantCulture)],
        var other => [other.ToString() ?? string.Empty],
    };

    /// <summary>Parses submitted values (empty for a missing value) and writes them when valid.</summary>
    public FieldError? Apply(ContentItem item, IReadOnlyList<string> values, Func<string, string, bool> termExists)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(termExists);
        var cleaned = values.Select(v => v?.Trim() ?? string.Empty).Where(v => v.Length > 0).ToList();
        var single = cleaned.Count > 0 ? cleaned[0] : null;
        if (Required && single is null)
        {
            return Error("{0} is required.");
        }

        switch (Kind)
        {
            case FieldKind.Image:
                return null;
            case FieldKind.Terms:
                var codes = cleaned.Distinct(StringComparer.Ordinal).ToList();
                var unknown = codes.FirstOrDefault(c => !termExists(Taxonomy!, c));
                if (unknown is not null)
                {
                    return Error("{0}: \"{1}\" is not a known value.", unknown);
                }

                Set(item, codes);
                return null;
            case FieldKind.Bool:
                Set(item, single is "true" or "on");
                return null;
        }

        if (single is null)
        {
            Set(item, Kind == FieldKind.Choice && !IsCustom ? Enum.ToObject(Get(item)!.GetType(), 0) : null);
            return null;
        }

        if (single.Length > MaxLength)
        {
            return Error("{0} must be at most {1} characters.", MaxLength);
        }

        switch (Kind)
        {
            case FieldKind.Email when !MailAddress.TryCreate(single, out _):
                return Error("{0} is not a valid e-mail address.");
            case FieldKind.Url when !(Uri.TryCreate(single, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)):
                return Error("{0} must be a web address starting with http:// or https://.");
            case FieldKind.Phone when !single.All(c => char.IsDigit(c) || c is ' ' or '+' or '.' or '-' or '(' or ')'):
                return Error("{0} may contain only digits, spaces and + . - ( ).");
            case FieldKind.TaxCode when !IsTaxCode(single):
                return Error("{0} must be 10 digits, or 10 digits, a dash and 3 digits.");
            case FieldKind.Term when !termExists(Taxonomy!, single):
                return Error("{0}: \"{1}\" is not a known value.", single);
            case FieldKind.Date:
                if (!VietnamTime.TryParseDate(single, out var date))
                {
                    return Error("{0} must be a date (dd/MM/yyyy).");
                }

                Set(item, date);
                return null;
            case FieldKind.WholeNumber or FieldKind.Money:
                var read = Kind == FieldKind.Money
                    ? Incubator.Core.Text.Money.TryParse(single, out var number)
                    : long.TryParse(single, NumberStyles.None, CultureInfo.InvariantCulture, out number);
                if (!read || number > Max)
                {
                    return Error("{0} must be a whole number from 0 to {1}.", Max);
                }

                // Boxed as the property's own type: "cond ? (int)number : number" would box a long, and the int? setter would throw.
                Set(item, Kind == FieldKind.WholeNumber ? (object)(int)number : number);
                return null;
            case FieldKind.Percent:
                if (!Numbers.TryParse(single, out var share) || share < 0 || share > 100)
                {
                    return Error("{0} must be a number from 0 to 100.");
                }

                Set(item, decimal.Round(share, 2));
                return null;
            case FieldKind.Choice:
                if (!Options.Contains(single, StringComparer.Ordinal))
                {
                    return Error("{0}: \"{1}\" is not a known value.", single);
                }

                Set(item, IsCustom ? single : Enum.Parse(Get(item)!.GetType(), single));
                return null;
        }

        Set(item, single);
        return null;
    }

    // A built-in field's label is translated in the message; a recipe's custom label and the user's values are not.
    private FieldError Error(string message, params object[] arguments) => new(Name, message, [IsCustom ? Label : new Infrastructure.TextKey(Label), .. arguments]);

    private static bool IsTaxCode(string value) =>
        (value.Length == 10 && value.All(char.IsAsciiDigit))
        || (value.Length == 14 && value[10] == '-' && value[..10].All(char.IsAsciiDigit) && value[11..].All(char.IsAsciiDigit));

    internal static ContentField Text<T>(string name, string label, Func<T, string?> get, Action<T, string?> set, bool required = false, int maxLength = 300, FieldKind kind = FieldKind.Text)
        where T : ContentItem =>
        new(name, label, kind, x => get((T)x), (x, v) => set((T)x, VietnameseText.ToNfc((string?)v))) { Required = required, MaxLength = maxLength };

    internal static ContentField Term<T>(string name, string label, string taxonomy, Func<T, string?> get, Action<T, string?> set)
        where T : ContentItem =>
        new(name, label, FieldKind.Term, x => get((T)x), (x, v) => set((T)x, (string?)v)) { Taxonomy = taxonomy, MaxLength = 64 };

    internal static ContentField Terms<T>(string name, string label, string taxonomy, Func<T, List<string>> get, Action<T, List<string>> set)
        where T : ContentItem =>
        new(name, label, FieldKind.Terms, x => get((T)x), (x, v) => set((T)x, (List<string>)v!)) { Taxonomy = taxonomy };

    internal static ContentField Date<T>(string name, string label, Func<T, DateOnly?> get, Action<T, DateOnly?> set)
        where T : ContentItem =>
        new(name, label, FieldKind.Date, x => get((T)x), (x, v) => set((T)x, (DateOnly?)v));

    internal static ContentField Integer<T>(string name, string label, Func<T, int?> get, Action<T, int?> set, long max)
        where T : ContentItem =>
        new(name, label, FieldKind.WholeNumber, x => get((T)x), (x, v) => set((T)x, (int?)v)) { Max = max };

    internal static ContentField Money<T>(string name, string label, Func<T, long?> get, Action<T, long?> set)
        where T : ContentItem =>
        new(name, label, FieldKind.Money, x => get((T)x), (x, v) => set((T)x, (long?)v)) { Max = 1_000_000_000_000_000 };

    internal static ContentField Percent<T>(string name, string label, Func<T, decimal?> get, Action<T, decimal?> set)
        where T : ContentItem =>
        new(name, label, FieldKind.Percent, x => get((T)x), (x, v) => set((T)x, (decimal?)v));

    internal static ContentField Choice<T, TEnum>(string name, string label, Func<T, TEnum> get, Action<T, TEnum> set)
        where T : ContentItem
        where TEnum : struct, Enum =>
        new(name, label, FieldKind.Choice, x => get((T)x), (x, v) => set((T)x, (TEnum)v!)) { Options = Enum.GetNames<TEnum>() };

    internal static ContentField Image<T>(string name, string label, Func<T, string?> get, Action<T, string?> set)
        where T : ContentItem =>
        new(name, label, FieldKind.Image, x => get((T)x), (x, v) => set((T)x, (string?)v)) { MaxLength = 64 };

    internal static ContentField Custom(CustomFieldDefinition definition, bool english)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = definition.Name;
        var kind = definition.Kind;
        return new(
            name,
            definition.Label(english),
            kind,
            x => CustomValues.FromStored(kind, CustomValues.Get((IHasCustomFields)x, name)),
            (x, v) => CustomValues.Set((IHasCustomFields)x, name, CustomValues.ToStored(v is string text ? VietnameseText.ToNfc(text) : v)))
        {
            Required = definition.Required,
            MaxLength = kind == FieldKind.LongText ? 4000 : 300,
            Max = kind == FieldKind.WholeNumber ? int.MaxValue : 1_000_000_000_000_000,
            Options = definition.Options(),
            IsCustom = true,
            IsPublic = definition.Public,
            IsSearchable = definition.Searchable && definition.Public,
        };
    }

    internal static ContentField Bool<T>(string name, string label, Func<T, bool> get, Action<T, bool> set)
        where T : ContentItem =>
        new(name, label, FieldKind.Bool, x => get((T)x), (x, v) => set((T)x, (bool)v!));
}
