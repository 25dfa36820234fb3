using Incubator.Web.Features.Applications;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.UnitTests.Applications;

public sealed class AttachmentDownloadTests
{
    [Fact]
    public async Task Should_send_an_attachment_with_an_encoded_name_when_the_name_is_vietnamese()
    {
        var response = await ExecuteAsync(AttachmentDownload.Create(new MemoryStream(Samples.Pdf), "application/pdf", "Kế hoạch kinh doanh.pdf"));

        var disposition = response.Headers.ContentDisposition.ToString();
        Assert.StartsWith("attachment;", disposition, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20kinh%20doanh.pdf", disposition, StringComparison.Ordinal);
        Assert.Contains("filename=", disposition, StringComparison.Ordinal);
        Assert.True(disposition.All(char.IsAscii), disposition);
        Assert.Equal("application/pdf", response.ContentType);
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("private, no-store", response.Headers.CacheControl.ToString());
        Assert.Equal(0, response.Headers.AcceptRanges.Count);
        Assert.Equal(Samples.Pdf, ((MemoryStream)response.Body).ToArray());
    }

    [Fact]
    public async Task Should_keep_the_header_on_one_line_when_the_name_holds_control_characters()
    {
        var response = await ExecuteAsync(AttachmentDownload.Create(new MemoryStream(Samples.Png), "image/png", "a\r\nSet-Cookie: x=1\".png"));

        var disposition = response.Headers.ContentDisposition.ToString();
        Assert.DoesNotContain('\r', disposition);
        Assert.DoesNotContain('\n', disposition);
        Assert.StartsWith("attachment;", disposition, StringComparison.Ordinal);
    }

    private static async Task<HttpResponse> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        return context.Response;
    }
}
