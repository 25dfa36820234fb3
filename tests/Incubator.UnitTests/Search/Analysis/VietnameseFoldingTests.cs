using System.Globalization;
using System.Text;
using Incubator.Search;
using Incubator.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;

namespace Incubator.UnitTests.Search.Analysis;

public sealed class VietnameseFoldingTests
{
    [Theory]
    [InlineData("đổi", "doi")]
    [InlineData("đ", "d")]
    [InlineData("đắk", "dak")]
    [InlineData("nghiệp", "nghiep")]
    [InlineData("hoà", "hoa")]
    [InlineData("hòa", "hoa")]
    [InlineData("thuý", "thuy")]
    [InlineData("thúy", "thuy")]
    [InlineData("khoẻ", "khoe")]
    [InlineData("khỏe", "khoe")]
    [InlineData("ăn", "an")]
    [InlineData("ân", "an")]
    [InlineData("ơn", "on")]
    [InlineData("ưu", "uu")]
    [InlineData("ước", "uoc")]
    [InlineData("ĐỨC", "duc")]
    [InlineData("kh&đt", "kh&dt")]
    [InlineData("2024", "2024")]
    [InlineData("x\u0301", "x")]
    public void Should_fold_tones_diacritics_and_d_with_stroke_when_a_term_carries_them(string term, string expected) =>
        Assert.Equal(expected, VietnameseFolding.Fold(term));

    [Fact]
    public void Should_fold_like_the_site_folds_when_given_any_letter_of_the_basic_plane()
    {
        // The index must fold exactly as SearchText.Fold does for queries and snippets, for every letter a word can
        // hold, alone and inside a word.
        var differences = new List<string>();
        for (var code = 0; code < 0x10000; code++)
        {
            var c = (char)code;
            if (char.IsSurrogate(c) || !SearchText.IsWordRune(new Rune(c)))
            {
                continue;
            }

            var word = "a" + c + "b";
            foreach (var text in new[] { c.ToString(), word })
            {
                var nfc = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
                if (VietnameseFolding.Fold(nfc) != SearchText.Fold(nfc))
                {
                    differences.Add($"U+{code:X4}");
                }
            }
        }

        Assert.Empty(differences);
    }

    [Fact]
    public void Should_fold_like_the_site_folds_when_a_word_holds_characters_beyond_the_basic_plane_or_spacing_marks()
    {
        foreach (var word in new[] { "x\U0001D400y", "\U00010400", "ஔ", "கௌ", "\u1100\u1161", "한국어", "नमस्ते", "\u0958" })
        {
            Assert.Equal(SearchText.Fold(word), VietnameseFolding.Fold(word));
        }
    }

    [Fact]
    public void Should_leave_a_term_untouched_when_it_must_be_folded_by_the_slow_path()
    {
        Span<char> term = ['đ', 'ổ', '\uD835', '\uDC00'];

        Assert.Equal(-1, VietnameseFolding.FoldInPlace(term));
        Assert.Equal("đổ\U0001D400", term.ToString());
    }

    [Fact]
    public void Should_fold_what_ascii_folding_rewrites_only_as_the_site_does_when_letters_are_not_diacritics()
    {
        // Lucene's ASCIIFoldingFilter folds đ to d as we do, but it also rewrites ligatures, ß, superscripts and
        // circled digits, which SearchText.Fold (queries, snippets) keeps; the index keeps them too.
        Assert.Equal(["doi", "dak", "ae", "ss", "fi", "2"], AsciiFolded("đổi Đắk æ ß ﬁ ²"));
        Assert.Equal(["doi", "dak", "æ", "ß", "ﬁ", "²"], Terms(SearchAnalyzers.Folded(), "đổi Đắk æ ß ﬁ ²"));
        Assert.Equal(["æ", "ß", "ﬁ", "²"], new[] { "æ", "ß", "ﬁ", "²" }.Select(SearchText.Fold));
    }

    [Fact]
    public void Should_move_the_tone_to_the_second_vowel_when_a_word_ends_with_oa_oe_or_uy()
    {
        Assert.Equal("hoà thuý khoẻ uỷ hoà-bình", Place("hòa thúy khỏe ủy hòa-bình"));
        Assert.Equal("hoàng ngoài thuyết quý khuya oa", Place("hoàng ngoài thuyết quý khuya oa"));
        Assert.Equal("hoà thuý", Place("hoà thuý"));
    }

    private static string Place(string text)
    {
        var buffer = text.ToCharArray();
        TonePlacement.Normalise(buffer);
        return new string(buffer);
    }

    private static List<string> AsciiFolded(string text)
    {
        using var analyzer = Analyzer.NewAnonymous((field, reader) =>
        {
            var tokenizer = new WhitespaceTokenizer(SearchAnalyzers.Lucene, reader);
            return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(new LowerCaseFilter(SearchAnalyzers.Lucene, tokenizer)));
        });
        return Terms(analyzer, text);
    }

    private static List<string> Terms(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    [Fact]
    public void Should_keep_every_folded_term_in_nfc_when_the_exact_term_was_nfc()
    {
        foreach (var word in new[] { "việt", "nguyễn", "ươm", "khuỷu", "a\u0335\u0301", "\u0958" })
        {
            var folded = VietnameseFolding.Fold(word.Normalize(NormalizationForm.FormC));
            Assert.True(folded.IsNormalized(NormalizationForm.FormC), word);
            Assert.Equal(folded, folded.ToLower(CultureInfo.InvariantCulture));
        }
    }
}
