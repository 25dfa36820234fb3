using System.Text;
using Incubator.Search;

namespace Incubator.UnitTests.Search;

public sealed class SearchTextTests
{
    [Fact]
    public void Should_find_no_word_when_the_text_is_only_combining_marks()
    {
        Assert.Empty(SearchText.Words("\u0301\u0301 \u0300"));
        Assert.Equal(["á"], SearchText.Words("\u0301a\u0301"));
        Assert.True(SearchQuery.Parse("\u0301\u0301").IsEmpty);
    }

    [Fact]
    public void Should_fold_vietnamese_words_to_plain_letters_when_they_carry_accents_and_d_with_stroke()
    {
        var words = SearchText.Words("Đổi mới SÁNG TẠO, Điện Biên; đường");

        Assert.Equal(["đổi", "mới", "sáng", "tạo", "điện", "biên", "đường"], words);
        Assert.Equal("doi moi sang tao dien bien duong", SearchText.FoldedLine(words));
    }

    [Fact]
    public void Should_give_the_same_words_when_the_text_arrives_decomposed()
    {
        const string text = "Khởi nghiệp Đổi mới sáng tạo tỉnh Cao Bằng";

        Assert.Equal(SearchText.Words(text), SearchText.Words(text.Normalize(NormalizationForm.FormD)));
        Assert.All(SearchText.Words(text.Normalize(NormalizationForm.FormD)), w => Assert.True(w.IsNormalized(NormalizationForm.FormC)));
    }

    [Fact]
    public void Should_split_on_punctuation_and_keep_digits_when_text_mixes_them()
    {
        Assert.Equal(["62", "kh", "ubnd", "ngày", "15", "3", "2024", "e", "commerce"], SearchText.Words("62/KH-UBND ngày 15/3/2024 (e-commerce)"));
    }

    [Fact]
    public void Should_cut_a_very_long_run_when_it_exceeds_the_longest_word()
    {
        var word = Assert.Single(SearchText.Words(new string('a', 5000)));

        Assert.Equal(SearchText.MaxWordLength, word.Length);
    }

    [Theory]
    [InlineData("đổi", true)]
    [InlineData("doi", false)]
    [InlineData("đ", true)]
    [InlineData("2024", false)]
    public void Should_tell_whether_a_word_has_diacritics_when_asked(string word, bool expected) =>
        Assert.Equal(expected, SearchText.HasDiacritics(word));
}
