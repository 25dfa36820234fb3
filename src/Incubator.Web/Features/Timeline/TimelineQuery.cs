using System.Globalization;
using Incubator.Core.Results;
using Microsoft.Extensions.Primitives;

namespace Incubator.Web.Features.Timeline;

/// <summary>
/// A timeline's window as a reader asks for it in a query string (<c>kind</c>, repeated or comma-separated;
/// <c>before</c>, an ISO date-time; <c>limit</c>), read the same way by the page's component and the JSON API.
/// </summary>
internal static class TimelineQuery
{
    /// <summary>
    /// The window, or the fields it could not read (an unknown kind, a time or a number that does not parse), each with
    /// an English key of vi.json.
    /// </summary>
    public static (TimelineWindow? Window, Dictionary<string, string> Errors) Parse(
        StringValues kind, string? before, string? limit, IReadOnlyCollection<string> knownKinds)
    {
        ArgumentNullException.ThrowIfNull(knownKinds);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var kinds = Kinds(kind);
        if (kinds.FirstOrDefault(k => !knownKinds.Contains(k)) is not null)
        {
            errors["kind"] = "There is no such kind of entry.";
        }

        DateTime? beforeUtc = null;
        if (!string.IsNullOrWhiteSpace(before))
        {
            if (DateTimeOffset.TryParse(before, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                beforeUtc = parsed.UtcDateTime;
            }
            else
            {
                errors["before"] = "Give a date and time such as 2026-12-05T09:30:00Z.";
            }
        }

        var count = TimelineReader.DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > TimelineReader.MaxLimit))
        {
            errors["limit"] = FormattedMessage.Create("Give a whole number from 1 to {0}.", TimelineReader.MaxLimit);
        }

        return errors.Count > 0 ? (null, errors) : (new TimelineWindow(kinds, beforeUtc, count), errors);
    }

    /// <summary>The kinds asked for: each value may list several, separated by commas; blanks are dropped.</summary>
    public static HashSet<string> Kinds(StringValues kind) =>
        kind.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>How the next page's <c>before</c> is written: the round-trip form, which <see cref="Parse"/> reads back exactly.</summary>
    public static string Format(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);
}
