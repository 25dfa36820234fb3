using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// Every visible string is written in English in the code and translated through this localiser. The
/// translations live in Resources/{culture}.json (one flat object, English text to translation); Vietnamese
/// is the site's default culture, English the second. A string with no translation shows its English key.
/// </summary>
internal sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private readonly JsonStringLocalizer _localizer = new(Load());

    public IStringLocalizer Create(Type resourceSource) => _localizer;

    public IStringLocalizer Create(string baseName, string location) => _localizer;

    /// <summary>The translations per two-letter language, from the embedded Resources/*.json files.</summary>
    public static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        var assembly = typeof(JsonStringLocalizerFactory).Assembly;
        var prefix = $"{assembly.GetName().Name}.Resources.";
        var result = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
            result[name[prefix.Length..^5]] = entries.ToFrozenDictionary(StringComparer.Ordinal);
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

internal sealed class JsonStringLocalizer(FrozenDictionary<string, FrozenDictionary<string, string>> translations) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            // A message that carries its values (Incubator.Core.Results.FormattedMessage) is translated by its key.
            if (Core.Results.FormattedMessage.TryParse(name, out var key, out var values))
            {
                return this[key, values];
            }

            var found = TryTranslate(name, out var value);
            return new LocalizedString(name, value, resourceNotFound: !found);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var found = TryTranslate(name, out var format);

            // Only an argument marked as a key is translated: a user's value ("News", an organisation's name) that
            // happens to equal a key must show as typed.
            var localizedArguments = arguments.Select(a => a is TextKey key ? TryTranslate(key.Key, out var t) ? t : key.Key : a).ToArray();
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format, localizedArguments), resourceNotFound: !found);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        translations.TryGetValue(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, out var table)
            ? table.Select(kv => new LocalizedString(kv.Key, kv.Value))
            : [];

    private bool TryTranslate(string name, out string value)
    {
        if (translations.TryGetValue(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, out var table) && table.TryGetValue(name, out var translated))
        {
            value = translated;
            return true;
        }

        value = name;
        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
    }
}

/// <summary>
/// An argument of a localised message that is itself a text to translate (a field's label), as opposed to a value
/// shown as it is. Plain strings passed as arguments are never translated.
/// </summary>
internal sealed record TextKey(string Key)
{
    public override string ToString() => Key;
}

internal static class LocalizationExtensions
{
    public static IServiceCollection AddIncubatorLocalization(this IServiceCollection services)
    {
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(JsonStringLocalizerFactory.Vietnamese);
            o.SupportedCultures = [JsonStringLocalizerFactory.Vietnamese, JsonStringLocalizerFactory.English];
            o.SupportedUICultures = [JsonStringLocalizerFactory.Vietnamese, JsonStringLocalizerFactory.English];
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>The route name of the language switch, which the themes' forms post to (asp-route="culture").</summary>
    public const string CultureRoute = "culture";

    /// <summary>POST /culture: remembers the visitor's language in a cookie and goes back where they were.</summary>
    public static void MapCultureSwitch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/culture", async (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            // Checked here rather than by form binding, which throws (a 500) when the token failed or no form was sent.
            // A signed-in user's switch needs the token; an anonymous visitor's only sets the language cookie, which a
            // forged post could do no harm with, and leaving the token out of the public pages lets every anonymous
            // visitor share one rendering of them (see PublicPageCache).
            var signedIn = context.User.Identity?.IsAuthenticated == true;
            if (!context.Request.HasFormContentType || (signedIn && !await antiforgery.IsRequestValidAsync(context)))
            {
                return Results.BadRequest();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var culture = form["culture"].ToString();
            var returnUrl = form["returnUrl"].ToString();
            var chosen = culture == "en" ? JsonStringLocalizerFactory.English : JsonStringLocalizerFactory.Vietnamese;
            foreach (var listener in context.RequestServices.GetServices<ICultureChoice>())
            {
                await listener.ChosenAsync(context, chosen);
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = BadRequests.IsSafeLocalUrl(returnUrl) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).DisableAntiforgery().ExcludeFromDescription().WithMetadata(new RouteNameMetadata(CultureRoute));
}
