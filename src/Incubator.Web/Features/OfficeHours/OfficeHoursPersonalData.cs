using System.Text.Json.Nodes;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>
/// The slots a person published and the bookings they made, cancelled or logged, in their download (member
/// "officeHours"); when their account is deleted these keep no trace of who did it. The bookings and their notes belong
/// to the organisation and the mentor and are kept.
/// </summary>
internal sealed class OfficeHoursPersonalData(IncubatorDbContext db) : IPersonalDataSource
{
    public string Name => "officeHours";

    public async Task<JsonNode?> ExportAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.Id;
        var slots = await db.Set<MentorSlot>().AsNoTracking().Where(s => s.CreatedBy == id).OrderBy(s => s.StartsUtc)
            .Select(s => new { s.Id, s.MentorId, s.StartsUtc, s.EndsUtc, s.Place, s.OnlineUrl, s.CreatedUtc }).ToListAsync(cancellationToken);
        var bookings = await db.Set<MentorBooking>().AsNoTracking().Where(b => b.BookedBy == id || b.CancelledBy == id || b.LoggedBy == id).OrderBy(b => b.StartsUtc)
            .Select(b => new { b.Id, b.OrganisationId, b.MentorId, b.Topic, b.StartsUtc, b.BookedUtc, b.CancelledUtc, b.LoggedUtc, b.Stars, b.RatingComment }).ToListAsync(cancellationToken);
        return slots.Count == 0 && bookings.Count == 0 ? null : PersonalDataExport.Serialize(new { slots, bookings });
    }

    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        var id = erasure.User.Id;
        foreach (var slot in await db.Set<MentorSlot>().Where(s => s.CreatedBy == id).ToListAsync(cancellationToken))
        {
            slot.CreatedBy = string.Empty;
        }

        foreach (var booking in await db.Set<MentorBooking>().Where(b => b.BookedBy == id || b.CancelledBy == id || b.LoggedBy == id).ToListAsync(cancellationToken))
        {
            booking.BookedBy = booking.BookedBy == id ? string.Empty : booking.BookedBy;
            booking.CancelledBy = booking.CancelledBy == id ? null : booking.CancelledBy;
            booking.LoggedBy = booking.LoggedBy == id ? null : booking.LoggedBy;
            booking.RowVersion++;
        }
    }
}
