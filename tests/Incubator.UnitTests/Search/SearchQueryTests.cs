using System.Text;
using Incubator.Search;

namespace Incubator.UnitTests.Search;

public sealed class SearchQueryTests
{
    [Fact]
    public void Should_read_words_phrases_and_exclusions_when_a_query_mixes_them()
    {
        var query = SearchQuery.Parse("nông nghiệp \"dược liệu\" -chè -\"cà phê\" ", prefixLastWord: true);

        Assert.Equal([["nông"], ["nghiệp"], ["dược", "liệu"]], query.Required.Select(t => t.Words.ToArray()));
        Assert.Equal([["chè"], ["cà", "phê"]], query.Excluded.Select(t => t.Words.ToArray()));
        Assert.All(query.Required, t => Assert.False(t.Prefix));
        Assert.Equal(["duoc", "lieu"], query.Required[2].FoldedWords);
    }

    [Fact]
    public void Should_match_the_last_word_as_a_prefix_when_someone_is_still_typing_it()
    {
        var typing = SearchQuery.Parse("khởi ngh");

        Assert.False(typing.Required[0].Prefix);
        Assert.True(typing.Required[1].Prefix);
        Assert.False(SearchQuery.Parse("khởi ngh ").Required[1].Prefix);
        Assert.False(SearchQuery.Parse("khởi ngh", prefixLastWord: false).Required[1].Prefix);
        Assert.False(SearchQuery.Parse("khởi n").Required[1].Prefix);
        Assert.False(SearchQuery.Parse("\"khởi ngh\"").Required[0].Prefix);
        Assert.False(SearchQuery.Parse("khởi -ngh").Required[0].Prefix);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("()")]
    [InlineData("- -- ---")]
    [InlineData("* ^ : AND OR NOT NEAR")]
    [InlineData(null)]
    public void Should_leave_only_words_when_the_input_is_syntax(string? input)
    {
        var query = SearchQuery.Parse(input);

        Assert.All(query.Required.Concat(query.Excluded).SelectMany(t => t.Words), w => Assert.All(w.EnumerateRunes(), r => Assert.True(Rune.IsLetterOrDigit(r))));
        Assert.DoesNotContain(query.Required.Concat(query.Excluded).SelectMany(t => t.Words), w => w.Contains('"', StringComparison.Ordinal));
    }

    [Fact]
    public void Should_treat_column_names_and_operators_as_plain_words_when_typed()
    {
        var query = SearchQuery.Parse("title:x OR (a AND b) NEAR/3 c*", prefixLastWord: false);

        Assert.Equal(["title", "x", "or", "a", "and", "b", "near", "3", "c"], query.Required.Select(t => t.Words.Single()));
        Assert.Empty(query.Excluded);
    }

    [Fact]
    public void Should_bound_the_work_when_the_input_is_ten_thousand_characters()
    {
        var input = string.Concat(Enumerable.Repeat("đổi \"mới -sáng ", 1000));

        var query = SearchQuery.Parse(input);

        Assert.True(query.Required.Count + query.Excluded.Count <= SearchQuery.MaxTerms);
        Assert.All(query.Required.Concat(query.Excluded), t => Assert.True(t.Words.Count <= SearchQuery.MaxPhraseWords));
    }

    [Fact]
    public void Should_be_empty_when_nothing_searchable_was_typed()
    {
        Assert.True(SearchQuery.Parse("  \"  ").IsEmpty);
        Assert.False(SearchQuery.Parse("-chè").IsEmpty);
        Assert.False(SearchQuery.Parse("-chè").HasRequired);
    }
}
