namespace Incubator.Web.Infrastructure;

/// <summary>
/// Where the site finds its own files, whichever folder it is started from and in whichever environment.
/// </summary>
internal static class SiteHosting
{
    /// <summary>
    /// The host's options. The published output (<c>dotnet publish -o out</c>) carries its files in a <c>wwwroot</c>
    /// beside the binaries, and its <c>appsettings.json</c>; ASP.NET Core looks for both under the current folder, so
    /// <c>dotnet out/Incubator.Web.dll</c> started elsewhere served every stylesheet empty and read no settings file.
    /// Unless a content root is given (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>),
    /// the published site's own folder is its content root, so relative paths (<c>App_Data/...</c>) are under it too.
    /// <c>dotnet run</c> and the tests run from build output, which has no <c>wwwroot</c> beside it: their content root
    /// stays the current folder (the project's, under <c>dotnet run</c>).
    /// </summary>
    public static WebApplicationOptions Options(IReadOnlyList<string> hostArguments)
    {
        ArgumentNullException.ThrowIfNull(hostArguments);
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine([.. hostArguments])
            .Build();
        var published = System.IO.Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        return new WebApplicationOptions
        {
            Args = [.. hostArguments],
            ContentRootPath = published && string.IsNullOrEmpty(given[WebHostDefaults.ContentRootKey]) ? AppContext.BaseDirectory : null,
        };
    }

    /// <summary>
    /// Serves the files of the build output in every environment. A build (not a publish) lists the site's and the
    /// themes' files in a manifest beside the binaries that points at the source folders, and ASP.NET Core reads it in
    /// Development only: in any other environment every stylesheet and script was an empty 200. A published site has
    /// no such manifest, and this changes nothing for it.
    /// </summary>
    public static WebApplicationBuilder UseBuildOutputFiles(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }

        return builder;
    }
}
