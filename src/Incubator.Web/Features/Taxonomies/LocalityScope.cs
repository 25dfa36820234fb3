using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace Incubator.Web.Features.Taxonomies;

/// <summary>
/// The localities taxonomy as a tree (province → district → commune, any depth), and the one rule every filter by
/// locality follows: a code takes itself and all its descendants. The directory, search, records, programme
/// eligibility and targets all ask this class, so a commune is found by its district and by its province everywhere,
/// and never by a sibling. The tree comes from the terms' parents, not from the shape of the codes.
/// </summary>
internal sealed class LocalityScope
{
    private readonly Dictionary<string, string?> _parents;
    private readonly Dictionary<string, List<string>> _children;

    public LocalityScope(IEnumerable<TaxonomyTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        _children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            _parents[term.Code] = term.ParentCode;
            if (term.ParentCode is { } parent)
            {
                (_children.TryGetValue(parent, out var list) ? list : _children[parent] = []).Add(term.Code);
            }
        }
    }

    public static LocalityScope Empty { get; } = new([]);

    /// <summary>Whether the code is a term of the localities taxonomy.</summary>
    public bool Exists(string? code) => code is not null && _parents.ContainsKey(code);

    /// <summary>The code and every code beneath it; an unknown code takes only itself.</summary>
    public IReadOnlyList<string> Within(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var result = new List<string> { code };
        var seen = new HashSet<string>(StringComparer.Ordinal) { code };

        // Breadth first over the children; the set guards against a cycle a hand-edited database might hold.
        for (var i = 0; i < result.Count; i++)
        {
            foreach (var child in _children.GetValueOrDefault(result[i]) ?? [])
            {
                if (seen.Add(child))
                {
                    result.Add(child);
                }
            }
        }

        return result;
    }

    /// <summary>The code, its parent, its parent's parent... up to its province.</summary>
    public IReadOnlyList<string> Ancestry(string? code)
    {
        var result = new List<string>();
        for (var current = code; current is not null && !result.Contains(current, StringComparer.Ordinal); current = _parents.GetValueOrDefault(current))
        {
            result.Add(current);
        }

        return result;
    }

    /// <summary>Whether <paramref name="code"/> lies in <paramref name="scope"/> (is it or one of its descendants).</summary>
    public bool Contains(string scope, string? code) => code is not null && Ancestry(code).Contains(scope, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="code"/> lies in any of the scopes.</summary>
    public bool ContainsAny(IEnumerable<string> scopes, string? code)
    {
        var ancestry = Ancestry(code);
        return scopes.Any(s => ancestry.Contains(s, StringComparer.Ordinal));
    }

    /// <summary>The top of the code's branch: its province.</summary>
    public string? Province(string? code) => Ancestry(code) is { Count: > 0 } ancestry ? ancestry[^1] : null;

    /// <summary>Counts per code with each code's count added to all its ancestors, as a filter by an ancestor takes them.</summary>
    public IReadOnlyDictionary<string, int> RollUp(IEnumerable<KeyValuePair<string, int>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (code, count) in counts)
        {
            foreach (var place in Ancestry(code))
            {
                result[place] = result.GetValueOrDefault(place) + count;
            }
        }

        return result;
    }
}

internal static class LocalityQueries
{
    /// <summary>
    /// Keeps the rows whose locality is one of <paramref name="codes"/> (from <see cref="LocalityScope.Within"/>).
    /// The codes are a captured list, so EF sends them as one parameter on both providers.
    /// </summary>
    public static IQueryable<T> WhereLocalityIn<T>(this IQueryable<T> query, Expression<Func<T, string?>> locality, IReadOnlyList<string> codes)
    {
        ArgumentNullException.ThrowIfNull(locality);
        var list = codes.ToList();
        Expression<Func<string?, bool>> test = l => l != null && list.Contains(l);
        var body = ReplacingExpressionVisitor.Replace(test.Parameters[0], locality.Body, test.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(body, locality.Parameters));
    }
}
