namespace Incubator.Web.Features.Setup;

/// <summary>The <c>Setup</c> settings: the recipe a fresh site runs once and its first administrator.</summary>
internal sealed class SetupOptions
{
    public const string Section = "Setup";

    /// <summary>A recipe's name, the file name in the recipes folder without ".recipe.json".</summary>
    public string Recipe { get; set; } = "default";

    public string AdminEmail { get; set; } = "admin@incubator.local";

    /// <summary>Empty: a password is generated and printed once on the console.</summary>
    public string? AdminPassword { get; set; }

    internal static IEnumerable<string> Problems(SetupOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Recipe) || options.Recipe.IndexOfAny(['/', '\\', '.']) >= 0)
        {
            yield return $"Setup:Recipe must be a recipe's name (its file name without .recipe.json), not '{options.Recipe}'.";
        }

        if (!Infrastructure.Settings.IsEmailAddress(options.AdminEmail))
        {
            yield return $"Setup:AdminEmail must be one e-mail address, not '{options.AdminEmail}'.";
        }
    }
}

/// <summary>The <c>Recipes</c> settings: where recipes are read from; empty, the copy beside the binaries.</summary>
internal sealed class RecipesOptions
{
    public const string Section = "Recipes";

    public string? Path { get; set; }
}
