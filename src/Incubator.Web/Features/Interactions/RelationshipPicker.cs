using Incubator.Web.Data;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Interactions;

internal enum PickerKind
{
    Organisation,
    Person,
}

/// <summary>
/// One picker of a form, as its partial view (Admin/_RelationshipPicker) draws it: <paramref name="Field"/> is the
/// name the chosen ids post under; without a script, the term posts as <see cref="SearchField"/> with the button
/// <c>Search</c>, and the page comes back with <paramref name="Matches"/> to tick.
/// </summary>
internal sealed record PickerField(PickerKind Kind, string Field, bool Multiple, string? Query, bool Searched, IReadOnlyList<NamedRef> Chosen, IReadOnlyList<NamedRef> Matches)
{
    /// <summary>The form field the term is typed in: OrganisationSearch or PersonSearch.</summary>
    public string SearchField => Kind == PickerKind.Organisation ? "OrganisationSearch" : "PersonSearch";

    /// <summary>The JSON endpoint the script asks (see <see cref="RelationshipApi"/>).</summary>
    public string Source => Kind == PickerKind.Organisation ? "/api/relationships/organisations" : "/api/relationships/people";

    /// <summary>The prefix of the element ids: Input_OrganisationIds and so on.</summary>
    public string HtmlId => Field.Replace('.', '_');
}

/// <summary>
/// Finds organisations (directory entries of every kind, the newest version, not deleted) and people (not merged away)
/// by a part of their name, in the database: case and accents do not matter ("nong" finds "Hợp tác xã Nông sản",
/// through <see cref="DbText.Fold"/>), names starting with the term come first, then by folded name; at most
/// <see cref="MaxTake"/>. The interaction and task forms' pickers and the staff's JSON endpoint use it.
/// </summary>
internal sealed class RelationshipPicker(IncubatorDbContext db, RelationshipDirectory directory)
{
    public const int DefaultTake = 20;
    public const int MaxTake = 50;
    public const int MaxTermLength = 100;

    public static int Limit(int? take) => Math.Clamp(take ?? DefaultTake, 1, MaxTake);

    /// <summary>
    /// A form's picker: those chosen (by name, in the order posted, those no longer found left out) and, when a term
    /// was typed, the matches not chosen yet.
    /// </summary>
    public async Task<PickerField> FieldAsync(PickerKind kind, string field, bool multiple, IEnumerable<string?> chosen, string? query, CancellationToken cancellationToken)
    {
        var ids = chosen.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();
        var names = ids.Count == 0 ? new Dictionary<string, string>(StringComparer.Ordinal)
            : kind == PickerKind.Organisation ? await directory.OrganisationsAsync(ids, cancellationToken) : await directory.PeopleAsync(ids, cancellationToken);
        var searched = !string.IsNullOrWhiteSpace(query);
        var matches = !searched ? []
            : kind == PickerKind.Organisation ? await OrganisationsAsync(query, DefaultTake, cancellationToken) : await PeopleAsync(query, DefaultTake, cancellationToken);
        return new PickerField(kind, field, multiple, query?.Trim(), searched,
            [.. ids.Where(names.ContainsKey).Select(id => new NamedRef(id, names[id]))], [.. matches.Where(m => !names.ContainsKey(m.Id))]);
    }

    public async Task<List<NamedRef>> OrganisationsAsync(string? q, int? take, CancellationToken cancellationToken)
    {
        if (Term(q) is not { } term)
        {
            return [];
        }

        var limit = Limit(take);
        var found = new List<(bool Prefix, string Folded, NamedRef Ref)>();
        await AddAsync(db.Startups, term, limit, found, cancellationToken);
        await AddAsync(db.Enterprises, term, limit, found, cancellationToken);
        await AddAsync(db.Mentors, term, limit, found, cancellationToken);
        await AddAsync(db.Organisations, term, limit, found, cancellationToken);
        return [.. found.OrderByDescending(f => f.Prefix).ThenBy(f => f.Folded, StringComparer.Ordinal).ThenBy(f => f.Ref.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Ref.Id, StringComparer.Ordinal).Take(limit).Select(f => f.Ref)];
    }

    public async Task<List<NamedRef>> PeopleAsync(string? q, int? take, CancellationToken cancellationToken)
    {
        if (Term(q) is not { } term)
        {
            return [];
        }

        var rows = await db.Set<Person>().AsNoTracking()
            .Where(p => p.MergedIntoId == null && DbText.Fold(p.NormalizedName).Contains(term))
            .OrderByDescending(p => DbText.Fold(p.NormalizedName).StartsWith(term)).ThenBy(p => DbText.Fold(p.NormalizedName)).ThenBy(p => p.FullName).ThenBy(p => p.Id)
            .Take(Limit(take))
            .Select(p => new NamedRef(p.Id, p.FullName))
            .ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>The folded term, or null when there is nothing to look for.</summary>
    private static string? Term(string? q)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return null;
        }

        var term = DbText.FoldTerm(q.Length > MaxTermLength ? q[..MaxTermLength] : q);
        return term.Length == 0 ? null : term;
    }

    private static async Task AddAsync<T>(DbSet<T> set, string term, int limit, List<(bool, string, NamedRef)> found, CancellationToken cancellationToken)
        where T : DirectoryProfile
    {
        var rows = await set.AsNoTracking()
            .Where(o => o.Latest && o.DeletedUtc == null && DbText.Fold(o.Title).Contains(term))
            .Select(o => new { o.ContentItemId, o.Title, Folded = DbText.Fold(o.Title) })
            .OrderByDescending(o => o.Folded.StartsWith(term)).ThenBy(o => o.Folded).ThenBy(o => o.Title).ThenBy(o => o.ContentItemId)
            .Take(limit)
            .ToListAsync(cancellationToken);
        found.AddRange(rows.Select(o => (o.Folded.StartsWith(term, StringComparison.Ordinal), o.Folded, new NamedRef(o.ContentItemId, o.Title))));
    }
}
