using System.Text;
using Incubator.Search;

namespace Incubator.UnitTests.Search;

public sealed class SearchSynonymsTests
{
    private static readonly SearchSynonyms Synonyms = new(
    [
        ["ĐMST", "đổi mới sáng tạo"],
        ["KH&CN", "khoa học và công nghệ", "S&T"],
    ]);

    [Fact]
    public void Should_add_the_abbreviation_when_a_document_holds_the_phrase_without_accents_or_decomposed()
    {
        var plain = Synonyms.KeywordsFor(Document(body: "Chuong trinh ho tro doi moi sang tao"));
        var decomposed = Synonyms.KeywordsFor(Document(body: "Đổi mới sáng tạo".Normalize(NormalizationForm.FormD)));

        Assert.Contains("ĐMST", plain, StringComparison.Ordinal);
        Assert.Contains("ĐMST", decomposed, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_add_every_member_of_the_group_when_the_title_holds_the_abbreviation()
    {
        var keywords = Synonyms.KeywordsFor(Document(title: "Doanh nghiệp KH&CN Pác Bó"));

        Assert.Contains("khoa học và công nghệ", keywords, StringComparison.Ordinal);
        Assert.Contains("S&T", keywords, StringComparison.Ordinal);
        Assert.DoesNotContain("ĐMST", keywords, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_not_add_the_accented_phrase_when_the_document_wrote_it_without_accents()
    {
        var keywords = Synonyms.KeywordsFor(Document(body: "doi moi sang tao"));

        Assert.Equal("ĐMST", keywords);
    }

    [Fact]
    public void Should_add_nothing_when_the_words_of_a_phrase_are_not_next_to_each_other()
    {
        Assert.Equal(string.Empty, Synonyms.KeywordsFor(Document(body: "đổi mới quy trình, sáng tạo sản phẩm")));
    }

    [Fact]
    public void Should_ignore_groups_of_one_and_empty_members_when_the_settings_hold_them()
    {
        var synonyms = new SearchSynonyms([["một"], ["", "  ", "!!"], ["a", "A"]]);

        Assert.Equal(0, synonyms.Count);
    }

    [Fact]
    public void Should_keep_the_document_unchanged_when_no_group_matches()
    {
        var document = Document(body: "nông nghiệp công nghệ cao");

        Assert.Same(document, Synonyms.Apply(document));
        Assert.Contains("ĐMST", Synonyms.Apply(Document(body: "đổi mới sáng tạo")).Keywords, StringComparison.Ordinal);
    }

    private static SearchDocument Document(string title = "Hồ sơ", string body = "") =>
        new() { Type = "startup", ItemId = "1", Title = title, Url = "/x", Body = body };
}
