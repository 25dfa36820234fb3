using System.Collections.Frozen;
using System.Text;
using Incubator.Web.Infrastructure;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>The site's own translations, so tests check what a Vietnamese visitor reads without copying the wording.</summary>
public static class Texts
{
    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Translations = JsonStringLocalizerFactory.Load();

    /// <summary>The Vietnamese text of an English key; fails when the key has no translation.</summary>
    public static string Vi(string key) =>
        Translations["vi"].TryGetValue(key, out var text) ? text : throw new InvalidOperationException($"No Vietnamese translation for \"{key}\".");

    /// <summary>The Vietnamese text of an English key with its placeholders filled in, as the site formats it.</summary>
    public static string Vi(string key, params object[] arguments) =>
        string.Format(JsonStringLocalizerFactory.Vietnamese, CompositeFormat.Parse(Vi(key)), arguments);
}
