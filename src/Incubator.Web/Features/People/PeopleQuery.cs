using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.People;

/// <summary>
/// The back office's list of people, for the list page and the API alike: a name (as typed, in any case or Unicode
/// form), an e-mail or a phone (+84 or 0) narrows it, as do an organisation and a tag; merged records never show.
/// </summary>
internal static class PeopleQuery
{
    public const int PageSize = 25;

    public static async Task<(List<Person> People, int Total)> PageAsync(
        IncubatorDbContext db, string? q, string? organisation, string? tag, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Set<Person>().AsNoTracking().Where(p => p.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var name = PersonText.NormalizeName(q);
            var email = PersonText.NormalizeEmail(q);
            var phone = PersonText.NormalizePhone(q);
            var phoneLike = phone.Length >= 3 && q.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '.' or '-' or '(' or ')');
            query = query.Where(p => p.NormalizedName.Contains(name)
                || db.Set<PersonContact>().Any(c => c.PersonId == p.Id
                    && ((c.Kind == PersonContactKind.Email && c.Normalized.Contains(email)) || (phoneLike && c.Kind == PersonContactKind.Phone && c.Normalized.Contains(phone)))));
        }

        if (!string.IsNullOrWhiteSpace(organisation))
        {
            query = query.Where(p => db.Set<PersonLink>().Any(l => l.PersonId == p.Id && l.OrganisationId == organisation));
        }

        if (!string.IsNullOrWhiteSpace(tag))
        {
            var wanted = tag.Trim();
            query = query.Where(p => p.Tags.Contains(wanted));
        }

        var total = await query.CountAsync(cancellationToken);
        var people = await query.OrderBy(p => p.NormalizedName).ThenBy(p => p.Id)
            .Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize)
            .Include(p => p.Contacts).Include(p => p.Links)
            .ToListAsync(cancellationToken);
        return (people, total);
    }
}
