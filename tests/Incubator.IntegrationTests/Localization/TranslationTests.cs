using System.Text.Json;
using System.Text.RegularExpressions;

namespace Incubator.IntegrationTests.Localization;

/// <summary>
/// Every string a view passes to the localiser as a literal (<c>L["..."]</c>, <c>localizer["..."]</c>) must have a
/// Vietnamese translation, since Vietnamese is the default language and a missing key would show English.
/// </summary>
public sealed partial class TranslationTests
{
    [Fact]
    public void Should_have_a_vietnamese_translation_when_a_literal_goes_through_the_localiser()
    {
        var root = RepositoryRoot();
        var translations = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(root, "src", "Incubator.Web", "Resources", "vi.json")))!;
        var sources = new[] { Path.Combine(root, "src", "Incubator.Web"), Path.Combine(root, "themes") }
            .SelectMany(folder => System.IO.Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var keys = sources.SelectMany(f => Literal().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(root, f), Key: Regex.Unescape(m.Groups["key"].Value)))).ToList();
        Assert.True(keys.Count > 100, $"the scan found only {keys.Count} localised literals; is the pattern still right?");

        var missing = keys.Where(k => !translations.ContainsKey(k.Key)).Select(k => $"{k.File}: {k.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No Vietnamese translation in Resources/vi.json for:\n" + string.Join('\n', missing));
        Assert.DoesNotContain(translations, t => string.IsNullOrWhiteSpace(t.Value));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Incubator.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Incubator.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""\b(?:L|localizer)\["(?<key>(?:[^"\\]|\\.)+)"[\],]""")]
    private static partial Regex Literal();
}
