using System.Text.Json;

namespace Incubator.Recipes;

/// <summary>A parsed recipe: a name and its ordered steps.</summary>
public sealed record Recipe(string Name, string? Description, IReadOnlyList<RecipeStep> Steps, string Hash);

/// <summary>One step of a recipe: its position (1-based), its name and its JSON.</summary>
public sealed record RecipeStep(int Number, string Name, JsonElement Data)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads the step's JSON as <typeparamref name="T"/>; a type error names the step and the field.</summary>
    public T Read<T>()
    {
        try
        {
            return Data.Deserialize<T>(Options) ?? throw Fail("$", "the step is empty");
        }
        catch (JsonException ex)
        {
            throw Fail(ex.Path ?? "$", ex.Message);
        }
    }

    /// <summary>
    /// The step's array <paramref name="member"/>, each element read by <paramref name="parse"/>: without the array the
    /// step fails with <paramref name="whenMissing"/>, and an element that does not read fails it at the element's path
    /// ("$.types[2].activities").
    /// </summary>
    public List<T> ReadArray<T>(string member, string whenMissing, Func<JsonElement, T> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (Data.ValueKind != JsonValueKind.Object || !Data.TryGetProperty(member, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw Fail($"$.{member}", whenMissing);
        }

        var result = new List<T>();
        foreach (var (element, index) in array.EnumerateArray().Select((e, i) => (e, i)))
        {
            try
            {
                result.Add(parse(element));
            }
            catch (JsonException ex)
            {
                throw Fail($"$.{member}[{index}]{ex.Path?.TrimStart('$')}", ex.Message);
            }
        }

        return result;
    }

    /// <summary>An error in this step at a JSON path, e.g. "$.terms[2].code".</summary>
    public RecipeException Fail(string field, string message) => new(Number, Name, field, message);

    /// <summary>
    /// An error in this step at a JSON path whose reason is a composite format ("'{0}' appears twice") and its values,
    /// so that the host can show the reason in the reader's language with the values as they are.
    /// </summary>
    public RecipeException Fail(string field, string format, params object?[] arguments) => new(Number, Name, field, format, arguments);
}

/// <summary>A recipe refused: which step, which field, and why. Nothing of the recipe was applied.</summary>
public sealed class RecipeException : Exception
{
    public RecipeException()
    {
    }

    public RecipeException(string message)
        : base(message)
    {
        Format = message;
    }

    /// <summary>Creates an error of the whole recipe from a composite format and its values.</summary>
    public RecipeException(string format, object?[] arguments, Exception? innerException = null)
        : base(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, arguments ?? []), innerException)
    {
        Format = format;
        Arguments = arguments ?? [];
    }

    public RecipeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Format = message;
    }

    /// <summary>Creates an error located in a step.</summary>
    public RecipeException(int stepNumber, string stepName, string field, string reason)
        : base($"Step {stepNumber} ({stepName}), field {field}: {reason}")
    {
        StepNumber = stepNumber;
        StepName = stepName;
        Field = field;
        Reason = reason;
        Format = reason;
    }

    /// <summary>Creates an error located in a step, its reason a composite format and its values.</summary>
    public RecipeException(int stepNumber, string stepName, string field, string reasonFormat, object?[] arguments)
        : this(stepNumber, stepName, field, string.Format(System.Globalization.CultureInfo.InvariantCulture, reasonFormat, arguments ?? []))
    {
        Format = reasonFormat;
        Arguments = arguments ?? [];
    }

    /// <summary>The 1-based number of the failing step, 0 for the recipe itself.</summary>
    public int StepNumber { get; }

    /// <summary>The failing step's name.</summary>
    public string? StepName { get; }

    /// <summary>The JSON path of the faulty field.</summary>
    public string? Field { get; }

    /// <summary>Why it was refused.</summary>
    public string? Reason { get; }

    /// <summary>
    /// The English text of the reason (of the whole message when no step is named) as a composite format when
    /// <see cref="Arguments"/> are given: the key a host translates.
    /// </summary>
    public string? Format { get; }

    /// <summary>The values <see cref="Format"/> names by position, shown as they are.</summary>
    public IReadOnlyList<object?> Arguments { get; } = [];
}
