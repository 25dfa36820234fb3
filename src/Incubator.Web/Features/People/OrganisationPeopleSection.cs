using Incubator.Web.Data;
using Incubator.Web.Features.Organisations.Admin;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.People;

/// <summary>The organisation's people with their roles and dates, on its back-office page, and a link to add one.</summary>
internal sealed class OrganisationPeopleSection(IncubatorDbContext db) : IOrganisationPageSection
{
    public int Order => 100;

    public async Task<OrganisationPageSectionView?> BuildAsync(OrganisationPageContext page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var id = page.Organisation.ContentItemId;
        var rows = await (from link in db.Set<PersonLink>().AsNoTracking()
                          join person in db.Set<Person>().AsNoTracking() on link.PersonId equals person.Id
                          where link.OrganisationId == id && person.MergedIntoId == null
                          orderby person.FullName
                          select new OrganisationPerson(person.Id, person.FullName, link.Role, link.From, link.To))
            .ToListAsync(cancellationToken);
        return new OrganisationPageSectionView("/Features/People/Admin/_OrganisationPeople.cshtml", new OrganisationPeople(id, rows, page.MayAct));
    }
}

/// <summary>The model of the organisation page's people section.</summary>
internal sealed record OrganisationPeople(string OrganisationId, IReadOnlyList<OrganisationPerson> People, bool MayAct);

internal sealed record OrganisationPerson(string PersonId, string FullName, PersonRole Role, DateOnly? From, DateOnly? To);
