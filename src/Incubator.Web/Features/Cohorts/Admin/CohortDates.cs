using System.Globalization;

namespace Incubator.Web.Features.Cohorts.Admin;

/// <summary>A cohort's dates as the back office writes them (dd/MM/yyyy, as the site's other dates).</summary>
internal static class CohortDates
{
    public static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Format(DateOnly? date) => date is { } d ? Format(d) : string.Empty;
}
