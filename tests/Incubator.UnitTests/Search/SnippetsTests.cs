using Incubator.Search;

namespace Incubator.UnitTests.Search;

public sealed class SnippetsTests
{
    [Fact]
    public void Should_mark_accented_words_when_the_query_was_typed_without_accents()
    {
        var html = Snippets.Build("Chương trình hỗ trợ Đổi mới sáng tạo cho doanh nghiệp", SearchQuery.Parse("doi moi", prefixLastWord: false));

        Assert.Equal("Chương trình hỗ trợ <mark>Đổi</mark> <mark>mới</mark> sáng tạo cho doanh nghiệp", html);
    }

    [Fact]
    public void Should_encode_everything_but_the_marks_when_the_text_holds_markup()
    {
        var html = Snippets.Build("<script>alert('x')</script> & <b>đổi</b> mới", SearchQuery.Parse("doi", prefixLastWord: false));

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;<mark>đổi</mark>&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&amp;", html, StringComparison.Ordinal);
        Assert.Equal(html.Split("<mark>").Length - 1, html.Split("</mark>").Length - 1);
    }

    [Fact]
    public void Should_cut_a_window_around_the_first_match_when_the_text_is_long()
    {
        var text = string.Join(' ', Enumerable.Range(1, 200).Select(i => i == 150 ? "dược" : $"từ{i}"));

        var html = Snippets.Build(text, SearchQuery.Parse("duoc"), words: 20);

        Assert.StartsWith("… ", html, StringComparison.Ordinal);
        Assert.EndsWith(" …", html, StringComparison.Ordinal);
        Assert.Contains("<mark>dược</mark>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("từ1 ", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_mark_words_that_start_with_the_prefix_when_the_last_word_is_being_typed()
    {
        var html = Snippets.Build("Khởi nghiệp ở Kon Tum", SearchQuery.Parse("khoi ngh"));

        Assert.Equal("<mark>Khởi</mark> <mark>nghiệp</mark> ở Kon Tum", html);
    }
}
