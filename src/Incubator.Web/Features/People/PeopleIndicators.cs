using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Targets;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.People;

/// <summary>
/// People as rows the targets count (source "people"): one per person, its kind the gender ("female", "male",
/// "other"), for the plans' gender-disaggregated indicators. Never listed publicly: a person is private.
/// </summary>
internal sealed class PeopleIndicators(IncubatorDbContext db, LinkGenerator links) : IIndicatorSource
{
    public string Name => "people";

    public async Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken) =>
        [.. (await db.Set<Person>().AsNoTracking().Where(p => p.MergedIntoId == null).ToListAsync(cancellationToken)).Select(p =>
            new IndicatorRow(p.Id, p.FullName, DateOnly.FromDateTime(VietnamTime.ToLocal(p.CreatedUtc)))
            {
                Link = links.PathToPage("/People/Admin/Show", new { id = p.Id }),
                LinkIsBackOffice = true,
                Locality = p.Locality,
                Kind = p.Gender is { } gender ? PersonCodes.Code(gender) : null,
            })];
}

/// <summary>
/// Founders (source "founders"): one row per founder or co-founder link, its kind the person's gender and its status
/// the role, with the organisation and the link's start; "distinct" over "id" counts founders rather than links.
/// </summary>
internal sealed class FounderIndicators(IncubatorDbContext db, LinkGenerator links) : IIndicatorSource
{
    public string Name => "founders";

    public async Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken)
    {
        var rows = await (from link in db.Set<PersonLink>().AsNoTracking()
                          join person in db.Set<Person>().AsNoTracking() on link.PersonId equals person.Id
                          where person.MergedIntoId == null && (link.Role == PersonRole.Founder || link.Role == PersonRole.CoFounder)
                          select new { person.Id, person.FullName, person.Gender, person.Locality, link.OrganisationId, link.Role, link.From })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new IndicatorRow(r.Id, r.FullName, r.From)
        {
            Link = links.PathToPage("/People/Admin/Show", new { id = r.Id }),
            LinkIsBackOffice = true,
            Organisation = r.OrganisationId,
            Locality = r.Locality,
            Kind = r.Gender is { } gender ? PersonCodes.Code(gender) : null,
            Status = PersonCodes.Code(r.Role),
        })];
    }
}
