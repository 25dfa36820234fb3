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

    /// <summary>An error in this step at a JSON path, e.g. "$.terms[2].code".</summary>
    public RecipeException Fail(string field, string message) => new(Number, Name, field, message);
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
    }

    public RecipeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an error located in a step.</summary>
    public RecipeException(int stepNumber, string stepName, string field, string reason)
        : base($"Step {stepNumber} ({stepName}), field {field}: {reason}")
    {
        StepNumber = stepNumber;
        StepName = stepName;
        Field = field;
        Reason = reason;
    }

    /// <summary>The 1-based number of the failing step, 0 for the recipe itself.</summary>
    public int StepNumber { get; }

    /// <summary>The failing step's name.</summary>
    public string? StepName { get; }

    /// <summary>The JSON path of the faulty field.</summary>
    public string? Field { get; }

    /// <summary>Why it was refused.</summary>
    public string? Reason { get; }
}
