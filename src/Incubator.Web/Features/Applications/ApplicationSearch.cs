using System.Text.Json;
using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Search;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// Submitted support applications as private documents: found by their title, the text of their answers and their
/// decision number. Who may see one is decided per item when searching (<see cref="Search.SearchScopes"/>), never here.
/// </summary>
internal sealed class ApplicationSearch(IncubatorDbContext db, LinkGenerator links) : ISearchSource
{
    public const string TypeName = "application";

    public IReadOnlyList<string> Types { get; } = [TypeName];

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var ids = itemIds.ToList();
        var applications = await db.Applications.AsNoTracking()
            .Where(a => ids.Contains(a.Id) && a.Status != ApplicationStatuses.Draft)
            .ToListAsync(cancellationToken);
        return [.. applications.Select(a => new SearchDocument
        {
            Type = TypeName,
            ItemId = a.Id,
            Slug = a.Id,
            Title = a.Title,
            Url = links.PathToPage("/Applications/Admin/Show", new { id = a.Id }),
            Body = string.Join('\n', Texts(a.AnswersJson)),
            Keywords = string.Join('\n', new[] { a.DecisionNumber, a.Status }.Where(s => !string.IsNullOrEmpty(s))),
            Public = false,
            UpdatedUtc = a.UpdatedUtc,
        })];
    }

    public async Task<IReadOnlyList<string>> ItemIdsAsync(string type, CancellationToken cancellationToken) =>
        await db.Applications.Where(a => a.Status != ApplicationStatuses.Draft).Select(a => a.Id).ToListAsync(cancellationToken);

    /// <summary>The text answers (strings, and strings inside lists), in the form's order of keys.</summary>
    private static List<string> Texts(string answersJson)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(answersJson) ? "{}" : answersJson);
        var texts = new List<string>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            Collect(property.Value, texts);
        }

        return texts;
    }

    private static void Collect(JsonElement value, List<string> texts)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                texts.Add(value.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    Collect(item, texts);
                }

                break;
        }
    }
}

/// <summary>An applicant finds their own applications, read on their own pages.</summary>
internal sealed class ApplicationSearchScope(IncubatorDbContext db, LinkGenerator links) : ISearchScopeSource
{
    public async Task<IReadOnlyList<ScopedSearchItem>> ItemsAsync(string userId, CancellationToken cancellationToken) =>
        [.. (await db.Applications.Where(a => a.OwnerId == userId).Select(a => a.Id).ToListAsync(cancellationToken))
            .Select(id => new ScopedSearchItem(ApplicationSearch.TypeName, id, links.PathToPage("/Applications/Edit", new { id })))];
}
