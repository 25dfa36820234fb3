using Microsoft.AspNetCore.StaticAssets;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// A static asset the build listed whose file is not there is a 404. ASP.NET Core's own endpoint for it answers 200 with
/// an empty body, which a browser takes as an empty stylesheet and nobody notices; a 404 shows in every log and check.
/// </summary>
internal static class MissingStaticAssets
{
    /// <summary>
    /// The convention for <c>MapStaticAssets()</c>: checks that the endpoint's file exists before serving it. The
    /// site's services are passed in, as a static asset's endpoint builder carries none.
    /// </summary>
    public static Action<EndpointBuilder> AnswerNotFound(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var files = services.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MissingStaticAssets));
        return endpoint => AnswerNotFound(endpoint, files, logger);
    }

    private static void AnswerNotFound(EndpointBuilder endpoint, Microsoft.Extensions.FileProviders.IFileProvider files, ILogger logger)
    {
        if (endpoint.Metadata.OfType<StaticAssetDescriptor>().FirstOrDefault() is not { } asset || endpoint.RequestDelegate is not { } serve)
        {
            return;
        }

        endpoint.RequestDelegate = context =>
        {
            if (files.GetFileInfo(asset.AssetPath).Exists)
            {
                return serve(context);
            }

            logger.LogWarning("The static file {AssetPath} for {Path} is missing from the site's files; answered 404.", asset.AssetPath, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        };
    }
}
