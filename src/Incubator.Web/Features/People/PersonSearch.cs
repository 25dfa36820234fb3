using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Search;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.People;

/// <summary>
/// People in the back office's search: one private document per person (never public, and no
/// <see cref="ISearchScopeSource"/> opens it to anyone outside the back office), titled by the name and holding the
/// title, e-mails, phones, tags, notes and the organisations' names, linked to the person's page. A merged record
/// has no document: its contacts and links moved to the kept person's.
/// </summary>
internal sealed class PersonSearch(IncubatorDbContext db, OrganisationNames organisations, LinkGenerator links) : ISearchSource
{
    public const string Type = "person";

    public IReadOnlyList<string> Types { get; } = [Type];

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var people = await db.Set<Person>().AsNoTracking().Include(p => p.Contacts).Include(p => p.Links)
            .Where(p => itemIds.Contains(p.Id) && p.MergedIntoId == null).ToListAsync(cancellationToken);
        var names = await organisations.ListAsync([.. people.SelectMany(p => p.Links).Select(l => l.OrganisationId).Distinct(StringComparer.Ordinal)], cancellationToken);
        return [.. people.Select(p => new SearchDocument
        {
            Type = Type,
            ItemId = p.Id,
            Title = p.FullName,
            Url = links.PathToPage("/People/Admin/Show", new { id = p.Id }),
            Summary = string.Join(", ", p.Links.Select(l => names.GetValueOrDefault(l.OrganisationId)?.Title).Where(n => n is not null).Distinct(StringComparer.Ordinal)),
            Body = string.Join('\n', new[] { p.Title, p.Notes }.Where(t => !string.IsNullOrEmpty(t))),
            Keywords = string.Join(' ', p.Contacts.Select(c => c.Value).Concat(p.Tags)),
            Public = false,
            Locality = p.Locality,
            UpdatedUtc = p.ModifiedUtc,
        })];
    }

    public async Task<IReadOnlyList<string>> ItemIdsAsync(string type, CancellationToken cancellationToken) =>
        await db.Set<Person>().Where(p => p.MergedIntoId == null).Select(p => p.Id).ToListAsync(cancellationToken);
}

internal static class PersonSearchRegistrations
{
    /// <summary>People's search source, their re-indexing on every save of a person or of a contact or link, and the type's names.</summary>
    public static IServiceCollection AddPersonSearch(this IServiceCollection services)
    {
        services.AddSearchSource<PersonSearch>();
        services.AddSearchTracking<Person>(p => (PersonSearch.Type, p.Id));
        services.AddSearchTracking<PersonContact>(c => (PersonSearch.Type, c.PersonId));
        services.AddSearchTracking<PersonLink>(l => (PersonSearch.Type, l.PersonId));
        services.AddSearchTypeName(PersonSearch.Type, "Person", "People");
        return services;
    }
}
