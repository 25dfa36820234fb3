using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Incubator.Web.Data;

namespace Incubator.Web.Features.Backup;

/// <summary>
/// The value types an archive names for its columns, independent of either database: SQLite keeps booleans as 0/1 and
/// times as text, PostgreSQL has its own types, and an archive of one must restore into the other. Each column of a
/// table in the manifest carries one of these names; its values are written to JSON in that type's one form
/// (numbers, strings, booleans, ISO 8601 times in UTC, base64 bytes) and converted to the target's column on restore.
/// </summary>
internal static class PortableValues
{
    public const string Integer = "integer";
    public const string Real = "real";
    public const string Decimal = "decimal";
    public const string Boolean = "boolean";
    public const string Text = "text";
    public const string Json = "json";
    public const string DateTime = "datetime";
    public const string DateTimeOffset = "datetimeoffset";
    public const string Date = "date";
    public const string Time = "time";
    public const string TimeSpan = "timespan";
    public const string Guid = "guid";
    public const string Bytes = "bytes";

    /// <summary>PostgreSQL's text[]; SQLite keeps the same lists as JSON text, which is what they become there.</summary>
    public const string TextArray = "textarray";

    /// <summary>The portable type of a model property's provider type; null for one this format does not know.</summary>
    public static string? FromClr(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            type = Enum.GetUnderlyingType(type);
        }

        return type switch
        {
            _ when type == typeof(bool) => Boolean,
            _ when type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort) || type == typeof(int) || type == typeof(uint) || type == typeof(long) => Integer,
            _ when type == typeof(float) || type == typeof(double) => Real,
            _ when type == typeof(decimal) => Decimal,
            _ when type == typeof(string) || type == typeof(char) => Text,
            _ when type == typeof(System.DateTime) => DateTime,
            _ when type == typeof(System.DateTimeOffset) => DateTimeOffset,
            _ when type == typeof(DateOnly) => Date,
            _ when type == typeof(TimeOnly) => Time,
            _ when type == typeof(System.TimeSpan) => TimeSpan,
            _ when type == typeof(System.Guid) => Guid,
            _ when type == typeof(byte[]) => Bytes,
            _ => null,
        };
    }

    /// <summary>The portable type of a column as the database's catalogue declares it, for columns the model does not map.</summary>
    public static string FromCatalog(DatabaseProvider provider, string dataType)
    {
        var type = dataType.ToUpperInvariant();
        if (provider == DatabaseProvider.Sqlite)
        {
            // SQLite's affinity rules (https://sqlite.org/datatype3.html, section 3.1), in their order.
            return type.Contains("INT", StringComparison.Ordinal) ? Integer
                : type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal) || type.Contains("TEXT", StringComparison.Ordinal) ? Text
                : type.Contains("BLOB", StringComparison.Ordinal) || type.Length == 0 ? Bytes
                : type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal) || type.Contains("DOUB", StringComparison.Ordinal) ? Real
                : Decimal;
        }

        return type switch
        {
            "BOOLEAN" => Boolean,
            "SMALLINT" or "INTEGER" or "BIGINT" => Integer,
            "REAL" or "DOUBLE PRECISION" => Real,
            "NUMERIC" => Decimal,
            "TIMESTAMP WITH TIME ZONE" or "TIMESTAMP WITHOUT TIME ZONE" => DateTime,
            "DATE" => Date,
            "TIME WITHOUT TIME ZONE" => Time,
            "INTERVAL" => TimeSpan,
            "UUID" => Guid,
            "BYTEA" => Bytes,
            "JSON" or "JSONB" => Json,
            "ARRAY" => TextArray,
            _ => Text,
        };
    }

    /// <summary>Writes the reader's value at <paramref name="ordinal"/> as the portable type's JSON form.</summary>
    public static void Write(Utf8JsonWriter writer, DbDataReader reader, int ordinal, string type)
    {
        if (reader.IsDBNull(ordinal))
        {
            writer.WriteNullValue();
            return;
        }

        switch (type)
        {
            case Integer:
                writer.WriteNumberValue(Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture));
                break;
            case Real:
                writer.WriteNumberValue(Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture));
                break;
            case Decimal:
                writer.WriteNumberValue(reader.GetDecimal(ordinal));
                break;
            case Boolean:
                writer.WriteBooleanValue(reader.GetBoolean(ordinal));
                break;
            case DateTime:
                writer.WriteStringValue(AsUtc(reader.GetDateTime(ordinal)).ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset:
                writer.WriteStringValue(reader.GetFieldValue<System.DateTimeOffset>(ordinal).ToString("O", CultureInfo.InvariantCulture));
                break;
            case Date:
                writer.WriteStringValue(reader.GetFieldValue<DateOnly>(ordinal).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case Time:
                writer.WriteStringValue(reader.GetFieldValue<TimeOnly>(ordinal).ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                break;
            case TimeSpan:
                writer.WriteStringValue(reader.GetFieldValue<System.TimeSpan>(ordinal).ToString("c", CultureInfo.InvariantCulture));
                break;
            case Guid:
                writer.WriteStringValue(reader.GetGuid(ordinal).ToString("D"));
                break;
            case Bytes:
                writer.WriteBase64StringValue(reader.GetFieldValue<byte[]>(ordinal));
                break;
            case TextArray:
                writer.WriteStartArray();
                foreach (var item in reader.GetFieldValue<string?[]>(ordinal))
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Reads a value of an archive's row as the CLR value of its portable type.</summary>
    public static object? Read(JsonElement value, string type) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => type switch
        {
            Real => value.GetDouble(),
            Decimal => value.GetDecimal(),
            _ when value.TryGetInt64(out var whole) => whole,
            _ => value.GetDecimal(),
        },
        JsonValueKind.String => type == Bytes ? value.GetBytesFromBase64() : Coerce(value.GetString()!, type),
        JsonValueKind.Array => value.EnumerateArray().Select(item => item.GetString()).ToArray(),
        _ => throw new FormatException($"A {value.ValueKind} is no column value."),
    };

    /// <summary>Converts a value to the CLR type of a portable type, e.g. SQLite's 0/1 to a boolean, text to a time.</summary>
    public static object Coerce(object value, string type)
    {
        var invariant = CultureInfo.InvariantCulture;
        return type switch
        {
            Integer => value switch
            {
                bool b => b ? 1L : 0L,
                string s => long.Parse(s, invariant),
                _ => Convert.ToInt64(value, invariant),
            },
            Real => value is string s ? double.Parse(s, invariant) : Convert.ToDouble(value, invariant),
            Decimal => value is string s ? decimal.Parse(s, NumberStyles.Float, invariant) : Convert.ToDecimal(value, invariant),
            Boolean => value switch
            {
                bool b => b,
                string s => s is "1" or "0" ? s == "1" : bool.Parse(s),
                _ => Convert.ToInt64(value, invariant) != 0,
            },
            DateTime => value switch
            {
                System.DateTime d => AsUtc(d),
                System.DateTimeOffset o => o.UtcDateTime,
                _ => System.DateTime.Parse(AsText(value), invariant, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            },
            DateTimeOffset => value switch
            {
                System.DateTimeOffset o => o,
                System.DateTime d => new System.DateTimeOffset(AsUtc(d)),
                _ => System.DateTimeOffset.Parse(AsText(value), invariant, DateTimeStyles.AssumeUniversal),
            },
            Date => value switch
            {
                DateOnly d => d,
                System.DateTime d => DateOnly.FromDateTime(d),
                _ => DateOnly.FromDateTime(System.DateTime.Parse(AsText(value), invariant)),
            },
            Time => value is TimeOnly t ? t : TimeOnly.Parse(AsText(value), invariant),
            TimeSpan => value is System.TimeSpan t ? t : System.TimeSpan.Parse(AsText(value), invariant),
            Guid => value switch
            {
                System.Guid g => g,
                byte[] bytes => new System.Guid(bytes),
                _ => System.Guid.Parse(AsText(value)),
            },
            Bytes => value is byte[] b ? b : Convert.FromBase64String(AsText(value)),
            TextArray => value is string?[] list ? list : JsonSerializer.Deserialize<string?[]>(AsText(value)) ?? [],
            _ => AsText(value),
        };
    }

    private static string AsText(object value) => value switch
    {
        string s => s,
        System.DateTime d => AsUtc(d).ToString("O", CultureInfo.InvariantCulture),
        System.DateTimeOffset o => o.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string?[] list => JsonSerializer.Serialize(list),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    // The site keeps every time in UTC; SQLite hands it back without a kind.
    private static System.DateTime AsUtc(System.DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => System.DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
