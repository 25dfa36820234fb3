using Bogus;
using Incubator.Benchmarks.Generation;
using Incubator.Core.Text;

namespace Incubator.Benchmarks.Search;

internal enum QueryKind
{
    Rare,
    Common,
    Phrase,
    Prefix,
}

/// <summary>One query as a visitor types it into the search box.</summary>
internal sealed record BenchQuery(QueryKind Kind, string Text);

/// <summary>
/// A seeded mix of queries drawn from the generator's vocabulary, a quarter of each kind, half typed without
/// accents: rare words (a specialty, a few dozen items), common words (most of the index), quoted phrases
/// (a topic, a few percent) and prefixes (a word still being typed). The site matches the last unquoted word as a
/// prefix, as its search box does, so the word queries take that path too.
/// </summary>
internal static class QueryMix
{
    public static IReadOnlyList<BenchQuery> Create(int count, int seed)
    {
        var random = new Randomizer(seed);
        var topics = Vocabulary.TopicsBySector.Values.SelectMany(t => t).Distinct(StringComparer.Ordinal).ToArray();
        var all = Vocabulary.Common.Concat(topics).Concat(Vocabulary.Rare).ToArray();
        var queries = new List<BenchQuery>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = (QueryKind)(i % 4);
            var text = kind switch
            {
                QueryKind.Rare => random.ArrayElement(Vocabulary.Rare),
                QueryKind.Common => random.ArrayElement(Vocabulary.Common),
                QueryKind.Phrase => "\"" + random.ArrayElement(topics) + "\"",
                _ => Prefix(random, random.ArrayElement(all)),
            };
            queries.Add(new BenchQuery(kind, random.Bool() ? VietnameseText.Fold(text) : text));
        }

        // Kinds interleaved, not in a fixed rotation, so no kind always follows another.
        return random.Shuffle(queries).ToList();
    }

    /// <summary>The words before a cut, then the first letters (at least two) of the word being typed.</summary>
    private static string Prefix(Randomizer random, string phrase)
    {
        var words = phrase.Split(' ');
        var last = random.Int(0, words.Length - 1);
        var word = words[last];
        var typed = word.Length <= 2 ? word : word[..random.Int(2, word.Length - 1)];
        return string.Join(' ', words.Take(last).Append(typed));
    }
}
