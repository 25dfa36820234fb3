using System.Globalization;
using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Mentoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>
/// Mentors publish slots: one-off, or weekly for <see cref="OfficeHoursOptions.WeeksAhead"/> weeks (each occurrence its
/// own bookable slot sharing a series id). Times without an offset are Vietnam time. A refused slot saves nothing.
/// </summary>
internal sealed class SlotCommands(IncubatorDbContext db, TimeProvider clock, IOptions<OfficeHoursOptions> options)
{
    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(4);
    public const int MaxPlace = 300;
    public const int MaxUrl = 500;

    public sealed record Request(string? StartsAt, string? EndsAt, string? Place, string? OnlineUrl, bool? RepeatWeekly);

    public async Task<CommandResult<IReadOnlyList<MentorSlot>>> CreateAsync(string mentorId, Request request, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var starts = ParseTime(request.StartsAt);
        var ends = ParseTime(request.EndsAt);
        if (starts is null)
        {
            errors["startsAt"] = "Give the start as a date and time, e.g. 2026-12-10T09:00.";
        }

        if (ends is null)
        {
            errors["endsAt"] = "Give the end as a date and time, e.g. 2026-12-10T10:00.";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (starts is { } s && ends is { } e)
        {
            if (e <= s)
            {
                errors["endsAt"] = "The end must be after the start.";
            }
            else if (e - s < Shortest || e - s > Longest)
            {
                errors["endsAt"] = "A slot lasts from 15 minutes to 4 hours.";
            }

            if (s <= now)
            {
                errors["startsAt"] = "The start must be in the future.";
            }
        }

        var place = string.IsNullOrWhiteSpace(request.Place) ? null : request.Place.Trim();
        var url = string.IsNullOrWhiteSpace(request.OnlineUrl) ? null : request.OnlineUrl.Trim();
        if (place is null && url is null)
        {
            errors["place"] = "Give a place or an online link.";
        }
        else if (place is { Length: > MaxPlace })
        {
            errors["place"] = "The place is too long.";
        }

        if (url is not null && (url.Length > MaxUrl || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            errors["onlineUrl"] = "The online link must be a web address starting with http:// or https://.";
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<IReadOnlyList<MentorSlot>>();
        }

        var weeks = request.RepeatWeekly == true ? options.Value.WeeksAhead : 1;
        var seriesId = weeks > 1 ? Guid.CreateVersion7().ToString("N") : null;
        var slots = Enumerable.Range(0, weeks).Select(w => new MentorSlot
        {
            Id = Guid.CreateVersion7().ToString("N"),
            MentorId = mentorId,
            StartsUtc = starts!.Value.AddDays(7 * w),
            EndsUtc = ends!.Value.AddDays(7 * w),
            Place = place,
            OnlineUrl = url,
            SeriesId = seriesId,
            CreatedBy = userId,
            CreatedUtc = now,
        }).ToList();

        // No overlap with the mentor's own open slots (one query over the series' whole span).
        var first = slots[0].StartsUtc;
        var last = slots[^1].EndsUtc;
        var existing = await db.Set<MentorSlot>().AsNoTracking()
            .Where(x => x.MentorId == mentorId && x.CancelledUtc == null && x.StartsUtc < last && x.EndsUtc > first)
            .Select(x => new { x.StartsUtc, x.EndsUtc }).ToListAsync(cancellationToken);
        if (slots.Exists(n => existing.Exists(x => x.StartsUtc < n.EndsUtc && x.EndsUtc > n.StartsUtc)))
        {
            return CommandResult.Invalid("startsAt", "This slot overlaps another of the mentor's slots.").As<IReadOnlyList<MentorSlot>>();
        }

        db.AddRange(slots);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok<IReadOnlyList<MentorSlot>>(slots);
    }

    /// <summary>
    /// An ISO-8601 date and time as UTC: with an offset (or Z) as given, without one in Vietnam time; null when it does
    /// not parse.
    /// </summary>
    public static DateTime? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) || !text.Contains('T', StringComparison.Ordinal))
        {
            return null;
        }

        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            return TimeZoneInfo.ConvertTimeToUtc(parsed, Core.Time.VietnamTime.Zone);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var offset) ? offset.UtcDateTime : null;
    }

    /// <summary>The mentor entry whose account is <paramref name="userId"/>, or null.</summary>
    public Task<string?> MentorIdOfAsync(string userId, CancellationToken cancellationToken) =>
        db.Set<MentorDetails>().Where(d => d.UserId == userId).Select(d => d.MentorId).FirstOrDefaultAsync(cancellationToken);
}
