using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Incubator.Search;

/// <summary>
/// A <see cref="SearchRequest"/> as Lucene queries, built term by term from the parsed <see cref="SearchQuery"/>:
/// user text is never handed to a query parser, so no input can be syntax. Each word goes through the analyzer of the
/// field it is looked up in, so a query always asks for the tokens the index holds.
/// </summary>
internal sealed class IndexQuery
{
    // Constant scores added on top of BM25 (whose scores here are in the tens at most): a title that is the query
    // ranks first whatever its age, then titles starting with it, then titles holding it as a phrase.
    private const float TitleEqualsBoost = 100f;
    private const float TitleStartsBoost = 30f;
    private const float TitlePhraseBoost = 20f;

    // Every word found with the accents typed ranks a document above those that have the words in other tones,
    // even above a title that is the query in other tones: whoever typed the accents meant them.
    private const float ExactAccentsBoost = 150f;

    // A phrase of the query's words in the summary or body weighs like a few more matches of a word.
    private const float TextPhraseBoost = 2f;

    // Every search outside the back office is limited to public documents: the set is kept per segment as a bit set
    // (a segment never changes; a new one gets its own), so the filter costs a bit test, not a walk of the postings.
    private static readonly Filter PublicDocuments = new CachingWrapperFilter(new QueryWrapperFilter(new TermQuery(new Term(IndexSchema.Public, IndexSchema.Yes))));

    private IndexQuery(Query query, Query? exact, bool hasText)
    {
        Query = query;
        Exact = exact;
        HasText = hasText;
    }

    /// <summary>The query: text, rights and filters together.</summary>
    public Query Query { get; }

    /// <summary>Matches the documents holding every required term in its exact (accented) form; null without terms.</summary>
    public Query? Exact { get; }

    /// <summary>Whether any word of the query survived analysis; without, the request lists everything in scope.</summary>
    public bool HasText { get; }

    public static IndexQuery Build(SearchRequest request, Analyzer folded, Analyzer exact)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new BooleanQuery(disableCoord: true);
        var exactAll = new BooleanQuery(disableCoord: true);
        var hasRequired = false;
        var hasExcluded = false;
        var titleTokens = new List<string>();
        var lastIsPrefix = false;
        var phrases = 0;

        foreach (var term in request.Query.Required)
        {
            var words = string.Join(' ', term.Words);
            var foldedTokens = IndexSchema.Tokens(folded, IndexSchema.All, words);
            var clause = TextClause(foldedTokens, term.Prefix);
            if (clause is null)
            {
                continue; // nothing the index could hold: a lone mark, punctuation the analyzer drops
            }

            text.Add(clause, Occur.MUST);
            hasRequired = true;
            phrases += term.Words.Count > 1 ? 1 : 0;
            titleTokens.AddRange(FirstAtEachPosition(foldedTokens));
            lastIsPrefix = term.Prefix;

            // The documents holding every word in the accented form typed rank first (below); one holding only some
            // of them exactly is not scored apart, which would cost a scorer per word over every match.
            var exactClause = FieldClause(IndexSchema.AllExact, IndexSchema.Tokens(exact, IndexSchema.AllExact, words), term.Prefix);
            if (exactClause is not null)
            {
                exactAll.Add(exactClause, Occur.MUST);
            }
        }

        foreach (var term in request.Query.Excluded)
        {
            var clause = FieldClause(IndexSchema.All, IndexSchema.Tokens(folded, IndexSchema.All, string.Join(' ', term.Words)), prefix: false);
            if (clause is not null)
            {
                text.Add(clause, Occur.MUST_NOT);
                hasExcluded = true;
            }
        }

        // Only words typed with accents prefer the documents that have those accents: someone who typed "nguyen" did
        // not ask for the unaccented spelling over "Nguyễn". The last word, which may still be being typed, prefers
        // the words that begin with its accents as typed: "Nguyễn" (which no space follows when it is sent) ranks
        // "Nguyễn" above "Nguyên".
        if (hasRequired && exactAll.Clauses.Count > 0 && request.Query.Required.Any(t => t.Words.Any(SearchText.HasDiacritics)))
        {
            text.Add(Constant(exactAll, ExactAccentsBoost), Occur.SHOULD);
        }

        if (hasRequired)
        {
            AddTitleBoosts(text, titleTokens, lastIsPrefix, request.Query.Required.Count - phrases);
        }
        else if (hasExcluded)
        {
            text.Add(new MatchAllDocsQuery(), Occur.MUST); // a query of exclusions only lists everything else
        }

        var query = new BooleanQuery(disableCoord: true);
        query.Add(hasRequired || hasExcluded ? text : new MatchAllDocsQuery(), Occur.MUST);
        AddRights(query, request.Scope);
        AddFilters(query, request.Filters);
        return new IndexQuery(query, hasRequired && exactAll.Clauses.Count > 0 ? exactAll : null, hasRequired);
    }

    /// <summary>Titles for the search box: every typed word in the title, the last as a prefix, within the scope.</summary>
    public static Query? Suggestion(SearchQuery parsed, SearchScope scope, Analyzer folded)
    {
        var text = new BooleanQuery(disableCoord: true);
        var titleTokens = new List<string>();
        var lastIsPrefix = false;
        foreach (var term in parsed.Required)
        {
            var tokens = IndexSchema.Tokens(folded, IndexSchema.Title, string.Join(' ', term.Words));
            var clause = FieldClause(IndexSchema.Title, tokens, term.Prefix);
            if (clause is null)
            {
                continue;
            }

            text.Add(clause, Occur.MUST);
            titleTokens.AddRange(FirstAtEachPosition(tokens));
            lastIsPrefix = term.Prefix;
        }

        if (text.Clauses.Count == 0)
        {
            return null;
        }

        AddTitleBoosts(text, titleTokens, lastIsPrefix, words: 1);
        var query = new BooleanQuery(disableCoord: true) { { text, Occur.MUST } };
        AddRights(query, scope);
        return query;
    }

    private static void AddTitleBoosts(BooleanQuery text, List<string> tokens, bool lastIsPrefix, int words)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        var joined = string.Join(' ', tokens);
        if (lastIsPrefix)
        {
            text.Add(Constant(new PrefixQuery(new Term(IndexSchema.TitleFull, joined)), TitleStartsBoost), Occur.SHOULD);
        }
        else
        {
            text.Add(Constant(new TermQuery(new Term(IndexSchema.TitleFull, joined)), TitleEqualsBoost), Occur.SHOULD);
            text.Add(Constant(new PrefixQuery(new Term(IndexSchema.TitleFull, joined + " ")), TitleStartsBoost), Occur.SHOULD);
        }

        // The complete words in the order typed: as a phrase in the title they rank it high; in the summary or
        // body they rank a passage about the query above a text that mentions its words apart. A prefix being
        // typed is left out, since a phrase cannot end in one.
        var complete = lastIsPrefix ? tokens.GetRange(0, tokens.Count - 1) : tokens;
        if (complete.Count < 2)
        {
            return;
        }

        text.Add(Constant(Phrase(IndexSchema.Title, complete), TitlePhraseBoost), Occur.SHOULD);
        if (words >= 2)
        {
            var inText = Phrase(IndexSchema.All, complete);
            inText.Boost = TextPhraseBoost;
            text.Add(inText, Occur.SHOULD);
        }
    }

    /// <summary>
    /// One term of the query: it must match in the combined text; found in the title or the summary it weighs more.
    /// Only the combined field's postings are intersected across terms; the others score the documents that match.
    /// </summary>
    private static BooleanQuery? TextClause(List<(string Term, int Position)> tokens, bool prefix)
    {
        var all = FieldClause(IndexSchema.All, tokens, prefix);
        if (all is null)
        {
            return null;
        }

        var title = FieldClause(IndexSchema.Title, tokens, prefix)!;
        title.Boost = IndexSchema.TitleBoost;
        var summary = FieldClause(IndexSchema.Summary, tokens, prefix)!;
        summary.Boost = IndexSchema.SummaryBoost;
        return new BooleanQuery(disableCoord: true)
        {
            { all, Occur.MUST },
            { title, Occur.SHOULD },
            { summary, Occur.SHOULD },
        };
    }

    /// <summary>
    /// The tokens of one term in one field: a term, synonyms at one position, or a phrase when a word gave several
    /// tokens (or the term is a quoted phrase); with <paramref name="prefix"/>, the last token matches as a prefix.
    /// </summary>
    private static Query? FieldClause(string field, List<(string Term, int Position)> tokens, bool prefix)
    {
        if (tokens.Count == 0)
        {
            return null;
        }

        var last = tokens[^1].Position;
        var lastTokens = tokens.Where(t => t.Position == last).Select(t => t.Term).ToList();
        var before = tokens.Where(t => t.Position != last).ToList();
        Query lastQuery = prefix && lastTokens.Count == 1 && lastTokens[0].Length >= SearchQuery.MinPrefixLength
            ? new PrefixQuery(new Term(field, lastTokens[0]))
            : AnyTerm(field, lastTokens);

        if (before.Count == 0)
        {
            return lastQuery;
        }

        if (!prefix)
        {
            return MultiPhrase(field, tokens);
        }

        // A prefix cannot end a phrase: the complete words as a phrase and the prefix beside them.
        var both = new BooleanQuery(disableCoord: true)
        {
            { before.Select(t => t.Position).Distinct().Count() == 1 ? AnyTerm(field, [.. before.Select(t => t.Term)]) : MultiPhrase(field, before), Occur.MUST },
            { lastQuery, Occur.MUST },
        };
        return both;
    }

    private static Query AnyTerm(string field, List<string> terms)
    {
        if (terms.Count == 1)
        {
            return new TermQuery(new Term(field, terms[0]));
        }

        var any = new BooleanQuery(disableCoord: true);
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
        {
            any.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
        }

        return any;
    }

    private static Query MultiPhrase(string field, List<(string Term, int Position)> tokens)
    {
        var stacked = tokens.Select(t => t.Position).Distinct().Count() < tokens.Count;
        if (!stacked)
        {
            var phrase = new PhraseQuery();
            foreach (var (term, position) in tokens)
            {
                phrase.Add(new Term(field, term), position);
            }

            return phrase;
        }

        var multi = new MultiPhraseQuery();
        foreach (var group in tokens.GroupBy(t => t.Position).OrderBy(g => g.Key))
        {
            multi.Add([.. group.Select(t => new Term(field, t.Term))], group.Key);
        }

        return multi;
    }

    private static PhraseQuery Phrase(string field, List<string> tokens)
    {
        var phrase = new PhraseQuery();
        foreach (var token in tokens)
        {
            phrase.Add(new Term(field, token));
        }

        return phrase;
    }

    private static IEnumerable<string> FirstAtEachPosition(List<(string Term, int Position)> tokens) =>
        tokens.GroupBy(t => t.Position).OrderBy(g => g.Key).Select(g => g.First().Term);

    /// <summary>Public documents, the listed private ones, or everything: a filter, so it does not change scores.</summary>
    private static void AddRights(BooleanQuery query, SearchScope scope)
    {
        if (scope.AllPrivate)
        {
            return;
        }

        var publicOnly = new ConstantScoreQuery(PublicDocuments);
        if (scope.PrivateKeys.Count == 0)
        {
            query.Add(Constant(publicOnly, 0f), Occur.MUST);
            return;
        }

        // A terms filter, not a clause per key: an officer may see thousands of applications, far beyond
        // BooleanQuery's clause limit.
        var keys = new TermsFilter(IndexSchema.Key, [.. scope.PrivateKeys.Select(k => new BytesRef(k))]);
        var visible = new BooleanQuery(disableCoord: true)
        {
            { publicOnly, Occur.SHOULD },
            { new ConstantScoreQuery(keys), Occur.SHOULD },
        };
        query.Add(Constant(visible, 0f), Occur.MUST);
    }

    private static void AddFilters(BooleanQuery query, SearchFilters filters)
    {
        AddFilter(query, IndexSchema.Type, filters.Type);
        AddFilter(query, IndexSchema.Sector, filters.Sector);
        AddFilter(query, IndexSchema.Stage, filters.Stage);
        if (filters.Year is { } year)
        {
            AddFilter(query, IndexSchema.Year, IndexSchema.YearTerm(year));
        }

        if (filters.Localities is { } localities)
        {
            var codes = localities.Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).ToList();
            Query match = codes.Count switch
            {
                0 => new BooleanQuery(), // a filter that takes no locality matches nothing
                1 => new TermQuery(new Term(IndexSchema.Locality, codes[0])),
                _ => new ConstantScoreQuery(new TermsFilter(IndexSchema.Locality, [.. codes.Select(c => new BytesRef(c))])),
            };
            query.Add(Constant(match, 0f), Occur.MUST);
        }
    }

    private static void AddFilter(BooleanQuery query, string field, string? value)
    {
        if (value is not null)
        {
            query.Add(Constant(new TermQuery(new Term(field, value)), 0f), Occur.MUST);
        }
    }

    private static ConstantScoreQuery Constant(Query query, float score) => new(query) { Boost = score };
}
