using System.Globalization;
using Incubator.Core.Text;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Organisations.Admin;

/// <summary>
/// Every directory entry (startups, S&amp;T enterprises, mentors, organisations) in one list, searched by name the
/// Vietnamese way (without marks, any case) and filtered by kind, each leading to its relationship page.
/// </summary>
internal sealed class IndexModel(IncubatorDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(string Id, string Name, ContentTypeDefinition Type, string? Locality, bool Published, ReviewState ReviewState);

    public IReadOnlyList<ContentTypeDefinition> Types { get; } = DirectoryContentTypes.All;
    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public string? Query { get; private set; }
    public ContentTypeDefinition? Kind { get; private set; }

    public async Task OnGetAsync(string? q, string? kind, int? p, CancellationToken cancellationToken)
    {
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();

        // An unknown kind in the address filters nothing rather than failing.
        Kind = Types.FirstOrDefault(t => t.Name == kind);
        PageNumber = Math.Max(1, p ?? 1);

        // A province's directory holds hundreds to a few thousand entries: their names are read and matched here, so
        // the search folds Vietnamese marks and case on both databases alike.
        var folded = Query is null ? null : VietnameseText.Fold(Query);
        var all = new List<Row>();
        foreach (var type in Kind is null ? Types : [Kind])
        {
            var rows = await type.Query(db).AsNoTracking().OfType<DirectoryProfile>()
                .Where(x => x.Latest && x.DeletedUtc == null)
                .Select(x => new { x.ContentItemId, x.Title, x.Locality, x.Published, x.ReviewState })
                .ToListAsync(cancellationToken);
            all.AddRange(rows
                .Where(r => folded is null || VietnameseText.Fold(r.Title).Contains(folded, StringComparison.Ordinal))
                .Select(r => new Row(r.ContentItemId, r.Title, type, r.Locality, r.Published, r.ReviewState)));
        }

        Total = all.Count;
        PageNumber = Math.Min(PageNumber, Pages);
        var culture = CultureInfo.GetCultureInfo("vi-VN");
        Rows = [.. all.OrderBy(r => r.Name, StringComparer.Create(culture, CompareOptions.IgnoreCase)).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)];
    }

    public string PageUrl(int page) =>
        QueryString.Create(new Dictionary<string, string?> { ["q"] = Query, ["kind"] = Kind?.Name, ["p"] = page.ToString(CultureInfo.InvariantCulture) }
            .Where(kv => kv.Value is not null)).ToUriComponent();
}
