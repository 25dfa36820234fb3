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

    [Fact]
    public void Should_fill_every_placeholder_when_a_text_with_placeholders_goes_through_the_localiser()
    {
        var root = RepositoryRoot();
        var problems = new List<string>();
        foreach (var file in new[] { Path.Combine(root, "src", "Incubator.Web"), Path.Combine(root, "themes") }
                     .SelectMany(folder => System.IO.Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
                     .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (var (line, number) in File.ReadAllLines(file).Select((l, i) => (l, i + 1)))
            {
                // A view's L[text, arguments] is HTML whose .Value is the text before formatting ("{0}: hiện đạt {1}…").
                if (file.EndsWith(".cshtml", StringComparison.Ordinal) && UnformattedValue().IsMatch(line))
                {
                    problems.Add($"{Path.GetRelativePath(root, file)}:{number}: L[..., arguments].Value is not formatted; use L.GetString(..., arguments)");
                }

                // A text with placeholders and no arguments shows "{0}", unless it is a template the page's script fills.
                if (WithoutArguments().IsMatch(line) && !line.Contains("data-count-", StringComparison.Ordinal))
                {
                    problems.Add($"{Path.GetRelativePath(root, file)}:{number}: a text with placeholders is given no arguments");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Should_have_a_vietnamese_translation_when_a_recipe_is_refused_for_a_fixed_reason()
    {
        var root = RepositoryRoot();
        var translations = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(root, "src", "Incubator.Web", "Resources", "vi.json")))!;
        var reasons = System.IO.Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => RecipeReason().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(root, f), Key: Regex.Unescape(m.Groups["key"].Value))))
            .ToList();
        Assert.True(reasons.Count > 40, $"the scan found only {reasons.Count} recipe reasons; is the pattern still right?");

        var missing = reasons.Where(r => !translations.ContainsKey(r.Key)).Select(r => $"{r.File}: {r.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No Vietnamese translation in Resources/vi.json for the recipe reasons:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Should_have_a_vietnamese_translation_when_a_form_rule_gives_its_message()
    {
        var root = RepositoryRoot();
        var translations = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(root, "src", "Incubator.Web", "Resources", "vi.json")))!;
        var messages = System.IO.Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => ErrorMessage().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(root, f), Key: Regex.Unescape(m.Groups["key"].Value))))
            .ToList();
        Assert.True(messages.Count >= 10, $"the scan found only {messages.Count} form rules' messages; is the pattern still right?");

        var missing = messages.Where(m => !translations.ContainsKey(m.Key)).Select(m => $"{m.File}: {m.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No Vietnamese translation in Resources/vi.json for the form rules' messages:\n" + string.Join('\n', missing));
    }

    // [Required(ErrorMessage = "...")]: the key a DataAnnotations rule hands to the localiser.
    [GeneratedRegex("""\bErrorMessage\s*=\s*"(?<key>(?:[^"\\]|\\.)+)"[,)]""")]
    private static partial Regex ErrorMessage();

    // step.Fail(path, "reason"...) and new RecipeException("message"...): the texts a refused recipe shows.
    [GeneratedRegex("""(?:(?:step\.|throw )Fail\((?:\$?"(?:[^"\\]|\\.)*"|[\w.]+)\s*,\s*|new RecipeException\()"(?<key>(?:[^"\\]|\\.)+)"[,)]""")]
    private static partial Regex RecipeReason();

    [GeneratedRegex("""\bL\["[^"]*\{\d[^"]*",.*?\]\.Value""")]
    private static partial Regex UnformattedValue();

    [GeneratedRegex("""\b(?:L|localizer)\["[^"]*\{\d[^"]*"\]""")]
    private static partial Regex WithoutArguments();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Incubator.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Incubator.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""\b(?:L|localizer)(?:\[|\.GetString\()"(?<key>(?:[^"\\]|\\.)+)"[\],)]""")]
    private static partial Regex Literal();
}
