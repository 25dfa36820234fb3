namespace Incubator.Search;

/// <summary>
/// Groups of words or phrases that mean the same ("ĐMST", "đổi mới sáng tạo"; "KH&amp;CN", "khoa học và công nghệ").
/// They are applied when a document is indexed, not when it is searched: a document holding any member of a group
/// gets the other members as hidden keywords, so a query for either finds it on both engines without any change to
/// the query syntax. Matching is on folded words, so accents and case do not matter. Changing the groups therefore
/// needs a rebuild of the index.
/// </summary>
public sealed class SearchSynonyms
{
    /// <summary>At most this many groups, and members per group: a settings list, not a thesaurus.</summary>
    public const int MaxGroups = 500;

    public const int MaxMembers = 20;

    private readonly List<Member[]> _groups;

    /// <summary>Creates the set from groups of phrases; members without any word and groups of fewer than two are ignored.</summary>
    public SearchSynonyms(IEnumerable<IReadOnlyList<string>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _groups = [];
        foreach (var group in groups.Take(MaxGroups))
        {
            var members = group
                .Take(MaxMembers)
                .Select(p => new Member(p.Trim(), [.. SearchText.Words(p).Select(SearchText.Fold)]))
                .Where(m => m.Words.Length > 0)
                .DistinctBy(m => string.Join(' ', m.Words))
                .ToArray();
            if (members.Length >= 2)
            {
                _groups.Add(members);
            }
        }
    }

    public static SearchSynonyms None { get; } = new([]);

    public int Count => _groups.Count;

    /// <summary>The hidden keywords a document gains: the members it lacks of every group one of whose members it holds.</summary>
    public string KeywordsFor(SearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (_groups.Count == 0)
        {
            return string.Empty;
        }

        var words = SearchText.Words(string.Join('\n', document.Title, document.Summary, document.Body, document.Keywords))
            .Select(SearchText.Fold)
            .ToArray();
        var present = new HashSet<string>(words, StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var group in _groups)
        {
            var held = Array.FindAll(group, m => present.Contains(m.Words[0]) && Contains(words, m.Words));
            if (held.Length > 0)
            {
                // Only the members the document lacks: adding its own phrase again, accented, would let a document
                // that wrote it without accents rank as an exact match.
                added.AddRange(group.Except(held).Select(m => m.Text));
            }
        }

        return string.Join('\n', added);
    }

    /// <summary>The document with its synonyms added to <see cref="SearchDocument.Keywords"/>.</summary>
    public SearchDocument Apply(SearchDocument document)
    {
        var extra = KeywordsFor(document);
        return extra.Length == 0 ? document : document with { Keywords = document.Keywords + "\n" + extra };
    }

    private static bool Contains(string[] words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Length; i++)
        {
            var j = 0;
            while (j < phrase.Length && string.Equals(words[i + j], phrase[j], StringComparison.Ordinal))
            {
                j++;
            }

            if (j == phrase.Length)
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Member(string Text, string[] Words);
}
