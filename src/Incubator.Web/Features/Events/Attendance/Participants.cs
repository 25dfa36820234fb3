using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Attendance;

/// <summary>The codes the API and the filters write registration statuses in, and the English keys of their names.</summary>
internal static class ParticipantStatuses
{
    public const string CheckedIn = "checked-in";

    public static readonly IReadOnlyList<(RegistrationStatus Status, string Code, string Label)> All =
    [
        (RegistrationStatus.Confirmed, "confirmed", "Confirmed"),
        (RegistrationStatus.Waitlisted, "waitlisted", "Waitlisted"),
        (RegistrationStatus.PendingConfirmation, "pending-confirmation", "Awaiting confirmation"),
        (RegistrationStatus.Cancelled, "cancelled", "Cancelled"),
    ];

    public static string Code(RegistrationStatus status) => All.First(s => s.Status == status).Code;

    public static string Label(RegistrationStatus status) => All.First(s => s.Status == status).Label;

    public static RegistrationStatus? Of(string? code) =>
        All.FirstOrDefault(s => string.Equals(s.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Code: not null } found ? found.Status : null;
}

/// <summary>One registration as the participants' list, its CSV and the API show it.</summary>
internal sealed record Participant(
    string Id, string Name, string Email, string? Phone, string? OrganisationId, string? Organisation, RegistrationStatus Status, string Code, DateTime CreatedUtc,
    DateTime? CheckedInUtc, string? PersonId);

/// <summary>
/// An event's registrations, narrowed by status and by a name or e-mail typed with or without accents ("nguyen van an"
/// finds "Nguyễn Văn An"; the folding runs in the database), counted and paged in the database.
/// </summary>
internal sealed class ParticipantsQuery(IncubatorDbContext db, OrganisationNames organisations)
{
    public const int PageSize = 50;
    public const int MaxSearch = 100;

    /// <summary>One page of the registrations and how many match in all.</summary>
    public async Task<(IReadOnlyList<Participant> Page, int Total)> PageAsync(
        string eventId, string? status, string? q, int page, CancellationToken cancellationToken)
    {
        var query = Filter(eventId, status, q);
        var total = await query.CountAsync(cancellationToken);
        var rows = await Order(query).Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return (await NamedAsync(rows, cancellationToken), total);
    }

    /// <summary>Every registration that matches, read row by row (for the CSV and the API), with the organisations' names.</summary>
    public async IAsyncEnumerable<Participant> AllAsync(
        string eventId, string? status, string? q, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var organisationIds = await db.Set<EventRegistration>().Where(r => r.EventId == eventId && r.OrganisationId != null)
            .Select(r => r.OrganisationId!).Distinct().ToListAsync(cancellationToken);
        var names = await organisations.ListAsync(organisationIds, cancellationToken);
        await foreach (var row in Order(Filter(eventId, status, q)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToParticipant(row, names);
        }
    }

    private IQueryable<EventRegistration> Filter(string eventId, string? status, string? q)
    {
        var query = db.Set<EventRegistration>().AsNoTracking().Where(r => r.EventId == eventId);
        if (string.Equals(status, ParticipantStatuses.CheckedIn, StringComparison.OrdinalIgnoreCase))
        {
            query = query.Where(r => r.CheckedInUtc != null);
        }
        else if (ParticipantStatuses.Of(status) is { } wanted)
        {
            query = query.Where(r => r.Status == wanted);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = DbText.FoldTerm(q.Length > MaxSearch ? q[..MaxSearch] : q);
            var email = q.Trim().ToLowerInvariant();
            var code = EventCheckIn.NormalizeCode(q);
            query = query.Where(r => DbText.Fold(r.Name).Contains(term) || r.NormalizedEmail.Contains(email) || r.Code == code);
        }

        return query;
    }

    private static IQueryable<EventRegistration> Order(IQueryable<EventRegistration> query) => query.OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id);

    private async Task<IReadOnlyList<Participant>> NamedAsync(List<EventRegistration> rows, CancellationToken cancellationToken)
    {
        var names = await organisations.ListAsync([.. rows.Select(r => r.OrganisationId).OfType<string>().Distinct(StringComparer.Ordinal)], cancellationToken);
        return [.. rows.Select(r => ToParticipant(r, names))];
    }

    private static Participant ToParticipant(EventRegistration r, Dictionary<string, OrganisationName> names) => new(
        r.Id, r.Name, r.Email, r.Phone, r.OrganisationId, r.OrganisationId is { } o ? names.GetValueOrDefault(o)?.Title : null, r.Status, r.Code, r.CreatedUtc, r.CheckedInUtc,
        r.PersonId);
}

/// <summary>The participants as CSV (UTF-8 with a byte-order mark, cells defused against formulas), for the page and the API.</summary>
internal static class ParticipantsCsv
{
    public static async Task<byte[]> WriteAsync(IAsyncEnumerable<Participant> participants, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        var rows = new List<IEnumerable<string?>>
        {
            new[] { localizer["Name"].Value, localizer["E-mail"].Value, localizer["Phone"].Value, localizer["Organisation"].Value, localizer["Status"].Value, localizer["Code"].Value, localizer["Registered at"].Value, localizer["Checked in at"].Value },
        };
        await foreach (var p in participants.WithCancellation(cancellationToken))
        {
            rows.Add([
                p.Name, p.Email, p.Phone, p.Organisation, ParticipantStatuses.Code(p.Status), p.Code, Time(p.CreatedUtc), p.CheckedInUtc is { } at ? Time(at) : null,
            ]);
        }

        return Csv.Write(rows);
    }

    private static string Time(DateTime utc) => EventsApi.Vietnam(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
