namespace Incubator.Web.Features.Applications;

/// <summary>
/// The response for an attachment the caller has already decided the user may read. It is always a download:
/// an applicant's PDF or image must never render inside the site's origin, whatever a browser would sniff.
/// </summary>
internal static class AttachmentDownload
{
    /// <summary>
    /// Streams <paramref name="content"/> (disposed afterwards) as <c>Content-Disposition: attachment</c>.
    /// ASP.NET writes both <c>filename=</c> (ASCII fallback) and <c>filename*=UTF-8''…</c> (RFC 6266/5987), so
    /// Vietnamese names arrive intact.
    /// </summary>
    public static IResult Create(Stream content, string contentType, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        // Cleaned again here so that a name from anywhere (an old row, an import) gets the same treatment.
        var file = TypedResults.File(content, contentType, AttachmentStore.CleanDisplayName(displayName), enableRangeProcessing: false);
        return new Download(file);
    }

    private sealed class Download(IResult file) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var headers = httpContext.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // If some client renders it anyway, it gets no scripts, no plug-ins and an opaque origin.
            headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            headers.CacheControl = "private, no-store";
            return file.ExecuteAsync(httpContext);
        }
    }
}
