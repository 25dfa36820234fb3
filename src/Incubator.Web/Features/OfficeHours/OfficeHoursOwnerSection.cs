using Incubator.Web.Data;
using Incubator.Web.Features.Mentoring;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Organisations.Admin;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>What the owner sees of the organisation's mentoring sessions: the next ones booked and the way to book.</summary>
internal sealed record OfficeHoursOwnerModel(string OrganisationId, IReadOnlyList<MentorBooking> Next, int ToRate);

/// <summary>
/// The organisation's mentoring sessions on its owner's pages, after its mentors: the sessions booked ahead, how many
/// held ones wait for a rating, and the link to the bookings page. Shown once the organisation has an active mentor.
/// </summary>
internal sealed class OfficeHoursOwnerSection(IncubatorDbContext db, TimeProvider clock) : IOwnerOrganisationSection
{
    public int Order => 31;

    public async Task<OrganisationPageSectionView?> BuildAsync(OwnerOrganisationContext page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var id = page.Organisation.ContentItemId;
        if (!await db.Set<MentorMatch>().AnyAsync(m => m.OrganisationId == id && m.Status == MatchStatus.Active, cancellationToken)
            && !await db.Set<MentorBooking>().AnyAsync(b => b.OrganisationId == id, cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var next = await db.Set<MentorBooking>().AsNoTracking().Where(b => b.OrganisationId == id && b.CancelledUtc == null && b.StartsUtc > now)
            .OrderBy(b => b.StartsUtc).Take(3).ToListAsync(cancellationToken);
        var toRate = await db.Set<MentorBooking>().CountAsync(b => b.OrganisationId == id && b.CancelledUtc == null && b.LoggedUtc != null && b.NoShow == null && b.Stars == null, cancellationToken);
        return new OrganisationPageSectionView("/Features/OfficeHours/_OwnerBookings.cshtml", new OfficeHoursOwnerModel(id, next, toRate));
    }
}
