using System.Globalization;
using System.Text.RegularExpressions;

namespace Incubator.Web.Features.CheckIns;

/// <summary>
/// A reporting period: a month ("2026-11") or a quarter ("2026-Q4"), with its first and last day. Pure, so the
/// rules about periods (the cadence's current one, the one before, when it ends) are unit-tested.
/// </summary>
internal sealed partial record CheckInPeriod(int Year, int Number, bool Quarterly)
{
    public const string Monthly = "monthly";
    public const string Quarter = "quarterly";

    public DateOnly Start => Quarterly ? new DateOnly(Year, ((Number - 1) * 3) + 1, 1) : new DateOnly(Year, Number, 1);

    public DateOnly End => Start.AddMonths(Quarterly ? 3 : 1).AddDays(-1);

    public string Cadence => Quarterly ? Quarter : Monthly;

    public override string ToString() => Quarterly
        ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}")
        : string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}");

    public CheckInPeriod Previous() => Quarterly
        ? Number == 1 ? new(Year - 1, 4, true) : this with { Number = Number - 1 }
        : Number == 1 ? new(Year - 1, 12, false) : this with { Number = Number - 1 };

    public CheckInPeriod Next() => Quarterly
        ? Number == 4 ? new(Year + 1, 1, true) : this with { Number = Number + 1 }
        : Number == 12 ? new(Year + 1, 1, false) : this with { Number = Number + 1 };

    /// <summary>The period of <paramref name="cadence"/> (monthly or quarterly) that holds <paramref name="day"/>.</summary>
    public static CheckInPeriod Containing(DateOnly day, string? cadence) => cadence == Monthly
        ? new(day.Year, day.Month, false)
        : new(day.Year, ((day.Month - 1) / 3) + 1, true);

    /// <summary>"2026-11" or "2026-Q4" (years 2000–2099 only); null for anything else.</summary>
    public static CheckInPeriod? Parse(string? text)
    {
        var match = Pattern().Match(text?.Trim() ?? string.Empty);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["quarter"].Success)
        {
            return new(year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture), true);
        }

        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 ? new(year, month, false) : null;
    }

    [GeneratedRegex(@"^(?<year>20\d\d)-(?:Q(?<quarter>[1-4])|(?<month>\d\d))$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
