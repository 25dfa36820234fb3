using Incubator.Core.Time;
using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Search;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Events.Pages;

/// <summary>
/// Published public events as public documents: titles in both languages, description, kind, place and locality (by
/// their names in both languages). An event for a cohort or a segment is not indexed: the public search must not show
/// it. Events are content items, so the search feature's own tracking re-indexes one whenever it is saved or published.
/// </summary>
internal sealed class EventSearch(IncubatorDbContext db, SearchTerms terms) : ISearchSource
{
    public IReadOnlyList<string> Types { get; } = [Event.TypeName];

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var ids = itemIds.ToList();
        var events = await db.Set<Event>().AsNoTracking()
            .Where(e => ids.Contains(e.ContentItemId) && e.Published && e.DeletedUtc == null && e.Audience == EventAudience.Public)
            .ToListAsync(cancellationToken);
        var documents = new List<SearchDocument>(events.Count);
        foreach (var e in events)
        {
            var kind = await terms.NameAsync(TaxonomyTerm.EventKinds, e.Kind, cancellationToken);
            var places = await terms.KeywordsAsync([], e.Locality, null, cancellationToken);
            documents.Add(new SearchDocument
            {
                Type = type,
                ItemId = e.ContentItemId,
                Slug = e.Slug,
                Title = e.Title,
                Url = EventContentTypes.Event.PublicUrl(e.Slug),
                Summary = string.Join(" · ", new[] { VietnamTime.FormatDateTime(e.StartsUtc), e.Place }.Where(s => !string.IsNullOrWhiteSpace(s))),
                Body = string.Join('\n', new[] { e.TitleEn, e.Description, e.Organiser }.Where(s => !string.IsNullOrWhiteSpace(s))),
                Keywords = string.Join('\n', new[] { kind, e.Kind, e.Place, places }.Where(s => !string.IsNullOrWhiteSpace(s))),
                Public = true,
                Locality = e.Locality,
                Year = VietnamTime.ToLocal(e.StartsUtc).Year,
                UpdatedUtc = e.PublishedUtc ?? e.ModifiedUtc,
            });
        }

        return documents;
    }

    public async Task<IReadOnlyList<string>> ItemIdsAsync(string type, CancellationToken cancellationToken) =>
        await db.Set<Event>().Where(e => e.Published && e.DeletedUtc == null && e.Audience == EventAudience.Public).Select(e => e.ContentItemId).ToListAsync(cancellationToken);
}
