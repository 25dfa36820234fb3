using Incubator.Search;

namespace Incubator.UnitTests.Search;

/// <summary>What the engines receive is built from words only: every word quoted, whatever was typed.</summary>
public sealed class EngineSyntaxTests
{
    [Fact]
    public void Should_quote_every_word_for_fts5_when_a_query_has_phrases_exclusions_and_a_prefix()
    {
        var query = SearchQuery.Parse("\"Đổi mới\" -chè tạ");

        Assert.Equal("{title_f body_f} : (\"doi moi\" AND \"ta\"* NOT (\"che\"))", SqliteSearchEngine.Match(query.Required, query.Excluded, folded: true));
        Assert.Equal("{title_x body_x} : (\"đổi mới\" AND \"tạ\"*)", SqliteSearchEngine.Match(query.Required, [], folded: false));
        Assert.Equal("{title_f body_f} : (\"che\")", SqliteSearchEngine.Match([], query.Excluded, folded: true));
    }

    [Fact]
    public void Should_build_a_tsquery_of_quoted_lexemes_when_a_query_has_phrases_exclusions_and_a_prefix()
    {
        var query = SearchQuery.Parse("\"Đổi mới\" -chè tạ");

        Assert.Equal("('doi' <-> 'moi') & 'ta':* & !('che')", PostgresSearchEngine.TsQuery(query.Required, query.Excluded, folded: true));
        Assert.Equal("('đổi' <-> 'mới') & 'tạ':*", PostgresSearchEngine.TsQuery(query.Required, [], folded: false));
    }

    [Fact]
    public void Should_weight_title_words_and_number_positions_when_a_tsvector_is_built()
    {
        var vector = PostgresSearchEngine.Vector(["đổi", "mới"], ["mới", "sáng", "tạo"], fold: true);

        Assert.Equal("'doi':1A 'moi':2A,4 'sang':5 'tao':6 ", vector);
    }

    [Theory]
    [InlineData("Đổi mới sáng tạo Cao Bằng", "doi moi cao", true)]
    [InlineData("Đổi mới sáng tạo Cao Bằng", "\"sang tao\" ba", true)]
    [InlineData("Đổi mới sáng tạo Cao Bằng", "\"tao sang\"", false)]
    [InlineData("Đổi mới sáng tạo Cao Bằng", "doi moi ha", false)]
    [InlineData("Đổi mới sáng tạo Cao Bằng", "ba ", false)]
    public void Should_tell_whether_a_title_holds_every_term_when_a_sample_is_ranked(string title, string q, bool expected) =>
        Assert.Equal(expected, SearchEngine.TitleHasAll(title, SearchQuery.Parse(q).Required));
}
