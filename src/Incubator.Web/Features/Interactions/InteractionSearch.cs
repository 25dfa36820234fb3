using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Interactions;

/// <summary>
/// Interactions in the back office's search: one private document each (never public, so only the back office finds
/// it), titled by its subject and holding its text and the names of the organisations and people involved.
/// </summary>
internal sealed class InteractionSearch(IncubatorDbContext db, RelationshipDirectory directory, LinkGenerator links) : ISearchSource
{
    public const string Type = "interaction";

    public IReadOnlyList<string> Types { get; } = [Type];

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var ids = itemIds.ToList();
        var rows = await db.Set<Interaction>().AsNoTracking().Include(i => i.Participants).Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken);
        var organisations = await directory.OrganisationsAsync([.. rows.SelectMany(r => r.Participants).Where(p => p.Kind == ParticipantKind.Organisation).Select(p => p.RefId)], cancellationToken);
        var people = await directory.PeopleAsync([.. rows.SelectMany(r => r.Participants).Where(p => p.Kind == ParticipantKind.Person).Select(p => p.RefId)], cancellationToken);
        return [.. rows.Select(i => new SearchDocument
        {
            Type = Type,
            ItemId = i.Id,
            Title = i.Subject,
            Url = links.PathToPage("/Interactions/Admin/Show", new { id = i.Id }),
            Body = i.Body ?? string.Empty,
            Keywords = string.Join(' ', i.Participants.Select(p => p.Kind switch
            {
                ParticipantKind.Organisation => organisations.GetValueOrDefault(p.RefId),
                ParticipantKind.Person => people.GetValueOrDefault(p.RefId),
                _ => null,
            }).OfType<string>()),
            Public = false,
            UpdatedUtc = i.ModifiedUtc,
        })];
    }

    public async Task<IReadOnlyList<string>> ItemIdsAsync(string type, CancellationToken cancellationToken) =>
        await db.Set<Interaction>().AsNoTracking().Select(i => i.Id).ToListAsync(cancellationToken);
}
