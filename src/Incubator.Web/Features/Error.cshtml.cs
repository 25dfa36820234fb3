using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features;

[IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string? Message { get; private set; }

    public void OnGet(int? code) => Show(code);

    // No parameters to bind: when a POST is re-executed here because its antiforgery token was missing, reading
    // its form again would throw, turning a 400 into an unhandled error.
    public void OnPost() => Show(RouteData.Values["code"] is string code && int.TryParse(code, out var value) ? value : null);

    private void Show(int? code)
    {
        // Only error statuses: /error/1 typed by hand would otherwise set an impossible status and fail.
        Code = HttpContext.Items["ErrorStatus"] as int? ?? (code is >= 400 and <= 599 ? code : code is null ? StatusCodes.Status500InternalServerError : StatusCodes.Status404NotFound).Value;
        Message = HttpContext.Items["ErrorMessage"] as string;
        Response.StatusCode = Code;
    }
}
