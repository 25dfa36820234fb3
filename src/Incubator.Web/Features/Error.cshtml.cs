using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string? Message { get; private set; }

    public void OnGet(int? code) => Show(code);

    // No parameters to bind: when a POST is re-executed here because its antiforgery token was missing, reading
    // its form again would throw, turning a 400 into an unhandled error.
    public void OnPost() => Show(RouteData.Values["code"] is string code && int.TryParse(code, out var value) ? value : null);

    private void Show(int? code)
    {
        Code = HttpContext.Items["ErrorStatus"] as int? ?? code ?? StatusCodes.Status500InternalServerError;
        Message = HttpContext.Items["ErrorMessage"] as string;
        Response.StatusCode = Code;
    }
}
