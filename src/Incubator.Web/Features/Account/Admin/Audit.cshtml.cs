using System.Globalization;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Account.Admin;

/// <summary>The audit of security events, newest first, filtered by kind, e-mail and Vietnam-time dates, 50 a page.</summary>
[Authorize(Policy = Policies.Administration)]
internal sealed class AuditModel(IncubatorDbContext db) : PageModel
{
    private const int PageSize = 50;

    public List<SecurityEvent> Events { get; private set; } = [];

    /// <summary>The e-mail of each actor shown, by id.</summary>
    public Dictionary<string, string?> Actors { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public string? Kind { get; private set; }
    public string? Email { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }
    public bool BadDate { get; private set; }

    public async Task OnGetAsync(string? kind, string? email, string? from, string? to, int? p, CancellationToken cancellationToken)
    {
        var query = db.SecurityEvents.AsNoTracking();
        Kind = SecurityEventKinds.All.Contains(kind ?? string.Empty) ? kind : null;
        if (Kind is not null)
        {
            query = query.Where(e => e.Kind == Kind);
        }

        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (Email is not null)
        {
            var lower = Email.ToLowerInvariant();
#pragma warning disable CA1862, CA1311, CA1304 // translated to SQL: lower() on both providers, where the culture overloads are not
            query = query.Where(e => e.Email != null && e.Email.ToLower().Contains(lower));
#pragma warning restore CA1862, CA1311, CA1304
        }

        // Dates are days in Vietnam: "from" includes the whole first day, "to" the whole last one.
        if (ParseDay(from) is { } start)
        {
            From = from!.Trim();
            var startUtc = TimeZoneInfo.ConvertTimeToUtc(start, VietnamTime.Zone);
            query = query.Where(e => e.AtUtc >= startUtc);
        }

        if (ParseDay(to) is { } end)
        {
            To = to!.Trim();
            var endUtc = TimeZoneInfo.ConvertTimeToUtc(end.AddDays(1), VietnamTime.Zone);
            query = query.Where(e => e.AtUtc < endUtc);
        }

        BadDate = (!string.IsNullOrWhiteSpace(from) && From is null) || (!string.IsNullOrWhiteSpace(to) && To is null);
        PageNumber = Math.Max(1, p ?? 1);
        Total = await query.CountAsync(cancellationToken);
        Events = await query.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var actorIds = Events.Select(e => e.ActorId).OfType<string>().Distinct().ToList();
        Actors = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
    }

    public string PageUrl(int page) =>
        QueryString.Create(new Dictionary<string, string?> { ["kind"] = Kind, ["email"] = Email, ["from"] = From, ["to"] = To, ["p"] = page.ToString(CultureInfo.InvariantCulture) }
            .Where(kv => kv.Value is not null)).ToUriComponent();

    private static DateTime? ParseDay(string? text) =>
        VietnamTime.TryParseDate(text, out var day) ? day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) : null;
}
