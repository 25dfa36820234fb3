using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string? Message { get; private set; }

    public void OnGet(int? code) => Show(code);

    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        Code = HttpContext.Items["ErrorStatus"] as int? ?? code ?? StatusCodes.Status500InternalServerError;
        Message = HttpContext.Items["ErrorMessage"] as string;
        Response.StatusCode = Code;
    }
}
