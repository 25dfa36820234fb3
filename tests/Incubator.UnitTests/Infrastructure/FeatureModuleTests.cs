using System.Reflection;

namespace Incubator.UnitTests.Infrastructure;

/// <summary>
/// Every folder under Features is a feature with one module file, <c>&lt;Feature&gt;Module.cs</c>, whose static class
/// registers the feature's services (<c>Add&lt;Feature&gt;</c>): the module list in SiteExtensions is then all a new
/// feature adds outside its folder. No exceptions list: a folder that only holds partials gets an empty module.
/// </summary>
public sealed class FeatureModuleTests
{
    private static readonly Assembly Web = typeof(Incubator.Web.Infrastructure.SiteExtensions).Assembly;

    [Fact]
    public void Should_have_one_module_file_when_a_folder_is_a_feature()
    {
        var features = System.IO.Directory.GetDirectories(FeaturesFolder()).Select(Path.GetFileName).OfType<string>().ToList();
        Assert.True(features.Count > 10, $"only {features.Count} feature folders found; is the path still right?");

        var wrong = features
            .Select(f => (Feature: f, Modules: System.IO.Directory.GetFiles(Path.Combine(FeaturesFolder(), f), "*Module.cs", SearchOption.AllDirectories).Select(Path.GetFileName).ToList()))
            .Where(f => f.Modules.Count != 1 || f.Modules[0] != $"{f.Feature}Module.cs")
            .Select(f => $"{f.Feature}: {(f.Modules.Count == 0 ? "no module file" : string.Join(", ", f.Modules))}")
            .ToList();
        Assert.True(wrong.Count == 0, $"Each feature folder needs exactly one <Feature>Module.cs:\n{string.Join('\n', wrong)}");
    }

    [Fact]
    public void Should_register_the_feature_when_its_module_class_is_called()
    {
        var missing = System.IO.Directory.GetDirectories(FeaturesFolder()).Select(Path.GetFileName).OfType<string>()
            .Where(f => Web.GetType($"Incubator.Web.Features.{f}.{f}Module")?.GetMethod($"Add{f}", BindingFlags.Public | BindingFlags.Static, [typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection)]) is null)
            .ToList();
        Assert.True(missing.Count == 0, $"No public static Incubator.Web.Features.<Feature>.<Feature>Module.Add<Feature>(IServiceCollection) for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Should_leave_no_extensions_class_when_features_register_through_modules()
    {
        var leftovers = System.IO.Directory.GetFiles(FeaturesFolder(), "*Extensions.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(FeaturesFolder(), f))
            .ToList();
        Assert.True(leftovers.Count == 0, $"Registrations belong in the feature's module: {string.Join(", ", leftovers)}");
    }

    private static string FeaturesFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Incubator.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Incubator.sln not found above " + AppContext.BaseDirectory), "src", "Incubator.Web", "Features");
    }
}
