using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.Hosting;

namespace Incubator.UnitTests.Infrastructure;

/// <summary>
/// A link to a page by name (<c>asp-page</c>, <c>RedirectToPage</c>, <c>Url.Page</c>, <c>PathToPage</c>,
/// <c>links.Page</c>) renders an empty address or throws when the page was moved or renamed; this finds such a name
/// in the sources before a visitor does.
/// </summary>
public sealed partial class PageNameTests
{
    [Fact]
    public void Should_name_only_pages_that_exist_when_the_sources_link_to_a_page_by_name()
    {
        var pages = typeof(Incubator.Web.Features.Setup.SetupModule).Assembly.GetCustomAttributes(typeof(RazorCompiledItemAttribute), false)
            .Cast<RazorCompiledItemAttribute>()
            .Where(a => a.Kind == "mvc.1.0.razor-page" && a.Identifier.StartsWith("/Features/", StringComparison.Ordinal))
            .Select(a => a.Identifier["/Features".Length..^".cshtml".Length])
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("/Account/Login", pages);

        var root = RepositoryRoot();
        var sources = new[] { Path.Combine(root, "src", "Incubator.Web"), Path.Combine(root, "themes") }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var unknown = (from file in sources
                       from Match match in PageName().Matches(File.ReadAllText(file))
                       let name = match.Groups["name"].Value
                       where !pages.Contains(name)
                       select $"{Path.GetRelativePath(root, file)}: {name}").ToList();

        Assert.True(unknown.Count == 0, "Links to pages that do not exist:\n" + string.Join("\n", unknown));
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

    [GeneratedRegex("""(?:asp-page="|RedirectToPage\("|Url\.Page\("|PathToPage\("|links\.Page\("|GetPathByPage\(")(?<name>/[A-Za-z/]+)["]""")]
    private static partial Regex PageName();
}
