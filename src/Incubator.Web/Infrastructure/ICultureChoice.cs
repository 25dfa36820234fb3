using System.Globalization;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// Told when a visitor switches the site's language (POST /culture), after the choice is checked and before the
/// cookie goes back; a feature registers one to remember the choice elsewhere (Account: a signed-in person's language
/// for their e-mails).
/// </summary>
internal interface ICultureChoice
{
    Task ChosenAsync(HttpContext context, CultureInfo culture);
}
