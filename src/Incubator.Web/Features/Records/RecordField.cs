using System.Globalization;
using System.Text;
using Incubator.Core.Text;
using Incubator.Core.Time;

namespace Incubator.Web.Features.Records;

internal enum RecordFieldType
{
    Text,
    LongText,

    /// <summary>A short ASCII code such as a contest round ("2025").</summary>
    Code,
    Date,
    Money,
    Boolean,
    Choice,
    Locality,
    Organisation,
}

/// <summary>Where a value comes from: the back-office form (lenient about formats people type) or a recipe (strict).</summary>
public enum RecordSource
{
    Form,
    Recipe,
}

/// <summary>A reason a value was refused, as an English localiser key and its arguments.</summary>
internal sealed record RecordError(string Message, params object[] Arguments)
{
    /// <summary>The English text, as a recipe error reports it.</summary>
    public string Text => string.Format(CultureInfo.InvariantCulture, Message, Arguments);
}

/// <summary>One value of a choice field: its code (in forms, recipes and exports) and its English label (a localiser key).</summary>
internal sealed record RecordChoice(string Code, string Label);

/// <summary>What a field needs to know beyond the value itself: the localities and organisations that exist.</summary>
internal sealed record RecordLookups(Func<string, bool>? LocalityExists, Func<string, bool>? OrganisationExists)
{
    /// <summary>Checks the format only; used before a recipe runs, when the taxonomy may still be on its way.</summary>
    public static readonly RecordLookups None = new(null, null);
}

/// <summary>
/// One field of a record kind, described once and used by the form, the list, the CSV export and the recipe step,
/// so the four accept and refuse alike. Values are parsed from text (what a form posts; a recipe's JSON is turned
/// into the same text) into the entity's own type.
/// </summary>
internal sealed class RecordField
{
    public const string DateFormat = "yyyy-MM-dd";

    private RecordField(string key, string label, RecordFieldType type, bool required, int maxLength, IReadOnlyList<RecordChoice> choices,
        Func<RecordBase, object?> read, Action<RecordBase, object?> write)
    {
        (Key, Label, Type, Required, MaxLength, Choices, _read, _write) = (key, label, type, required, maxLength, choices, read, write);
    }

    private readonly Func<RecordBase, object?> _read;
    private readonly Action<RecordBase, object?> _write;

    /// <summary>The field's name in forms, recipes and the API (camelCase).</summary>
    public string Key { get; }

    /// <summary>The English label, a localiser key.</summary>
    public string Label { get; }

    public RecordFieldType Type { get; }
    public bool Required { get; }
    public int MaxLength { get; }
    public IReadOnlyList<RecordChoice> Choices { get; }

    public static RecordField For<T>(string key, string label, RecordFieldType type, Func<T, object?> read, Action<T, object?> write,
        bool required = false, int maxLength = 0, IReadOnlyList<RecordChoice>? choices = null)
        where T : RecordBase =>
        new(key, label, type, required, maxLength, choices ?? [], r => read((T)r), (r, v) => write((T)r, v));

    /// <summary>The choices of an enum, each code being the member's name in kebab case (IpSale → ip-sale).</summary>
    public static IReadOnlyList<RecordChoice> ChoicesOf<TEnum>(Func<TEnum, string> label)
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(v => new RecordChoice(Code(v), label(v)))];

    /// <summary>An enum member's code: its name in kebab case.</summary>
    public static string Code<TEnum>(TEnum value)
        where TEnum : struct, Enum => KebabOf(value);

    /// <summary>The enum member a code names, or null.</summary>
    public static TEnum? Parse<TEnum>(string? code)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Cast<TEnum?>().FirstOrDefault(v => string.Equals(Code(v!.Value), code, StringComparison.Ordinal));

    public object? Read(RecordBase record) => _read(record);

    public void Write(RecordBase record, object? value) => _write(record, value);

    /// <summary>The value as text, as a form shows it and a recipe would write it: ISO dates, plain numbers, codes.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        DateOnly date => VietnamTime.FormatIsoDate(date),
        long number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        Enum member => KebabOf(member),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The record's value of this field as text.</summary>
    public string? Raw(RecordBase record) => Format(Read(record));

    /// <summary>Parses and checks one value; the value is null when the field was left empty.</summary>
    public (object? Value, RecordError? Error) Parse(string? raw, RecordSource source, RecordLookups lookups)
    {
        ArgumentNullException.ThrowIfNull(lookups);
        var text = VietnameseText.ToNfc(raw?.Trim() ?? string.Empty);
        if (Type == RecordFieldType.Boolean)
        {
            return text switch
            {
                "" or "false" => (false, null),
                "true" => (true, null),
                "on" when source == RecordSource.Form => (true, null),
                _ => (null, new RecordError("'{0}' is not true or false.", text)),
            };
        }

        if (text.Length == 0)
        {
            return (null, Required ? new RecordError("This field is required.") : null);
        }

        if (MaxLength > 0 && text.Length > MaxLength)
        {
            return (null, new RecordError("At most {0} characters.", MaxLength));
        }

        switch (Type)
        {
            case RecordFieldType.Date:
                var isDate = source == RecordSource.Form ? VietnamTime.TryParseDate(text, out var date) : VietnamTime.TryParseIsoDate(text, out date);
                return isDate
                    ? (date, null)
                    : (null, source == RecordSource.Form
                        ? new RecordError("Enter a valid date as dd/MM/yyyy.")
                        : new RecordError("'{0}' is not a date; write it as yyyy-MM-dd.", text));
            case RecordFieldType.Money:
                return ParseMoney(text, source);
            case RecordFieldType.Choice:
                var choice = Choices.FirstOrDefault(c => c.Code == text);
                return choice is null
                    ? (null, new RecordError("'{0}' is not one of: {1}.", text, string.Join(", ", Choices.Select(c => c.Code))))
                    : (choice.Code, null);
            case RecordFieldType.Code:
                return IsCode(text) ? (text, null) : (null, new RecordError("Use only letters, digits, '-', '_' or '.', e.g. 2025."));
            case RecordFieldType.Locality:
                if (!IsCode(text) || lookups.LocalityExists is { } locality && !locality(text))
                {
                    return (null, new RecordError("'{0}' is not a locality of the site.", text));
                }

                return (text, null);
            case RecordFieldType.Organisation:
                if (lookups.OrganisationExists is { } organisation && !organisation(text))
                {
                    return (null, new RecordError("No organisation of the directory has the id '{0}'.", text));
                }

                return (text, null);
            default:
                return (text, null);
        }
    }

    /// <summary>A record key: 1-64 ASCII letters, digits, '-', '_' or '.'.</summary>
    public static bool IsKey(string? key) => key is { Length: > 0 and <= RecordBase.KeyMaxLength } && IsCode(key);

    private static bool IsCode(string text) => text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static (object?, RecordError?) ParseMoney(string text, RecordSource source)
    {
        if (text.TrimStart().StartsWith('-') && Money.TryParse(text.TrimStart()[1..], out _))
        {
            return (null, new RecordError("The amount cannot be negative."));
        }

        // Staff type amounts as people write them ("1.500.000" or "1 500 000 ₫"); a recipe writes a plain JSON integer.
        long amount = 0;
        var read = source == RecordSource.Form
            ? Money.TryParse(text, out amount)
            : text.Length > 0 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out amount);
        return read ? (amount, null) : (null, new RecordError("Enter a whole number of đồng, e.g. 1500000."));
    }

    private static string KebabOf(Enum member)
    {
        var name = member.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
