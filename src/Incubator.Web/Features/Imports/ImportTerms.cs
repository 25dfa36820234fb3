using Incubator.Web.Features.Taxonomies;

namespace Incubator.Web.Features.Imports;

/// <summary>How a cell names a taxonomy term.</summary>
internal enum TermMatch
{
    Found,
    Unknown,
    Ambiguous,
}

/// <summary>
/// Finds a taxonomy term by its code or by its Vietnamese or English name, case- and accent-insensitively, as people
/// write them in spreadsheets ("Cao Bằng", "cao bang", "cao-bang"). A name several terms share (two communes of one
/// name) is refused rather than guessed. A locality may be named without its level ("Cao Bằng" for "Tỉnh Cao Bằng").
/// </summary>
internal sealed class ImportTerms(IReadOnlyList<TaxonomyTerm> terms)
{
    /// <summary>The levels a locality's name starts with, folded: province, city, ward, commune, town, special zone.</summary>
    private static readonly string[] Levels = ["tinh", "thanhpho", "phuong", "xa", "thitran", "dackhu"];

    public (TermMatch Match, string? Code) Find(string text)
    {
        var trimmed = text.Trim();
        if (terms.FirstOrDefault(t => string.Equals(t.Code, trimmed, StringComparison.OrdinalIgnoreCase)) is { } byCode)
        {
            return (TermMatch.Found, byCode.Code);
        }

        var folded = ImportColumn.Fold(trimmed);
        var named = terms.Where(t => Names(t).Contains(folded)).ToList();
        return named.Count switch
        {
            1 => (TermMatch.Found, named[0].Code),
            0 => (TermMatch.Unknown, null),
            _ => (TermMatch.Ambiguous, null),
        };
    }

    private static IEnumerable<string> Names(TaxonomyTerm term)
    {
        foreach (var name in new[] { term.NameVi, term.NameEn }.Where(n => n.Length > 0).Select(ImportColumn.Fold))
        {
            yield return name;
            if (Levels.FirstOrDefault(l => name.StartsWith(l, StringComparison.Ordinal) && name.Length > l.Length) is { } level)
            {
                yield return name[level.Length..];
            }
        }
    }
}
