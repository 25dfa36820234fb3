using System.Security.Cryptography;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Events.Attendance;

/// <summary>
/// Registrations put straight into the database for the attendance tests (the registration part makes them over HTTP),
/// with the seat counter moved for a confirmed one, as registration does.
/// </summary>
internal static class AttendanceArrange
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Code() => new([.. Enumerable.Range(0, EventRegistration.CodeLength).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)])]);

    public static async Task<EventRegistration> RegisterAsync(
        SiteFactory site, string eventId, string name, string? email = null, RegistrationStatus status = RegistrationStatus.Confirmed, string? organisationId = null,
        string? userId = null, string? phone = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        email ??= $"nguoi-{Guid.NewGuid():N}@test.local";
        var now = DateTime.UtcNow;
        var registration = new EventRegistration
        {
            Id = Guid.NewGuid().ToString("N"),
            EventId = eventId,
            Status = status,
            Name = name,
            Email = email,
            NormalizedEmail = email.ToLowerInvariant(),
            Phone = phone,
            UserId = userId,
            RegisteredBy = userId,
            OrganisationId = organisationId,
            Code = Code(),
            CreatedUtc = now,
            QueuedUtc = status is RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted ? now : null,
            ConfirmedUtc = status == RegistrationStatus.Confirmed ? now : null,
            CancelledUtc = status == RegistrationStatus.Cancelled ? now : null,
            RowVersion = 1,
        };
        await site.QueryAsync(async db =>
        {
            db.Add(registration);
            await db.SaveChangesAsync();
            if (status == RegistrationStatus.Confirmed)
            {
                await db.Set<EventSeats>().Where(s => s.EventId == eventId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken + 1));
            }

            return 0;
        });
        return registration;
    }

    /// <summary>The registration as stored now.</summary>
    public static Task<EventRegistration> ReadAsync(SiteFactory site, string id) =>
        site.QueryAsync(db => db.Set<EventRegistration>().AsNoTracking().FirstAsync(r => r.Id == id));
}
