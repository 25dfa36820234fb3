using System.Net.Mail;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Setup;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// Settings are typed options bound from configuration and checked when the site starts: a wrong value stops it with
/// a message naming the setting (e.g. "Attachments:MaxBytes must be a positive number of bytes"), not at the first
/// request that reads it. A value of the wrong kind (a TimeSpan or number that does not parse) stops it too, the
/// binder naming the setting.
/// </summary>
internal static class Settings
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/>, checked at start by <paramref name="problems"/> (each a message naming its setting).</summary>
    public static OptionsBuilder<T> AddCheckedOptions<T>(this IServiceCollection services, string section, Func<T, IEnumerable<string>> problems)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new Check<T>(problems));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>The settings of the site's shared parts; features check their own where they register them.</summary>
    internal static IServiceCollection AddIncubatorSettings(this IServiceCollection services)
    {
        services.AddCheckedOptions<ThemeOptions>(ThemeOptions.Section, ThemeOptions.Problems);
        services.AddCheckedOptions<SetupOptions>(SetupOptions.Section, SetupOptions.Problems);
        services.AddCheckedOptions<RecipesOptions>(RecipesOptions.Section, _ => []);
        services.AddCheckedOptions<OpenApiOptions>(OpenApiOptions.Section, _ => []);
        services.AddCheckedOptions<EmailOptions>(EmailOptions.Section, EmailOptions.Problems);
        return services;
    }

    /// <summary>Whether <paramref name="address"/> is one e-mail address (no display name, no list).</summary>
    internal static bool IsEmailAddress(string? address) =>
        !string.IsNullOrWhiteSpace(address) && MailAddress.TryCreate(address, out var parsed) && parsed.Address == address.Trim();

    private sealed class Check<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var found = problems(options).ToList();
            return found.Count > 0 ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
        }
    }
}

/// <summary>The <c>Theme</c> settings: the active public and back-office themes, by name; empty picks the first installed.</summary>
internal sealed class ThemeOptions
{
    public const string Section = "Theme";

    public string? Public { get; set; }

    public string? Admin { get; set; }

    internal static IEnumerable<string> Problems(ThemeOptions options)
    {
        var installed = ThemeRegistry.FindInstalled();
        foreach (var (kind, setting, name) in new[] { ("public", "Theme:Public", options.Public), ("admin", "Theme:Admin", options.Admin) })
        {
            var candidates = installed.Where(t => t.Kind == kind).Select(t => t.Name).ToList();
            if (candidates.Count == 0)
            {
                yield return $"{setting}: no {kind} theme is installed.";
            }
            else if (!string.IsNullOrEmpty(name) && !candidates.Contains(name, StringComparer.Ordinal))
            {
                yield return $"{setting} '{name}' is not an installed {kind} theme; installed: {string.Join(", ", candidates)}.";
            }
        }
    }
}

/// <summary>The <c>OpenApi</c> settings: whether /openapi/v1.json is served; unset, it is everywhere but in Production.</summary>
internal sealed class OpenApiOptions
{
    public const string Section = "OpenApi";

    public bool? Enabled { get; set; }
}
