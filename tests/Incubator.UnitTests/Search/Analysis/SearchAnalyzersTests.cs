using System.Text;
using Incubator.Search;
using Incubator.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace Incubator.UnitTests.Search.Analysis;

public sealed class SearchAnalyzersTests
{
    private static readonly Analyzer ExactAnalyzer = SearchAnalyzers.Exact();
    private static readonly Analyzer FoldedAnalyzer = SearchAnalyzers.Folded();

    [Fact]
    public void Should_give_exact_and_folded_words_when_the_text_is_plain_vietnamese()
    {
        Assert.Equal(["chuyển@0", "đổi@1", "số@2", "nông@3", "nghiệp@4"], Exact("Chuyển đổi số nông nghiệp"));
        Assert.Equal(["chuyen@0", "doi@1", "so@2", "nong@3", "nghiep@4"], Folded("Chuyển đổi số nông nghiệp"));
        Assert.Equal(["đắk@0", "lắk@1"], Exact("Đắk Lắk"));
        Assert.Equal(["dak@0", "lak@1"], Folded("Đắk Lắk"));
        Assert.Equal(["ăn@0", "ân@1", "ơn@2", "ưu@3", "điện@4", "biên@5"], Exact("ĂN ÂN ƠN ƯU ĐIỆN BIÊN"));
        Assert.Equal(["an@0", "an@1", "on@2", "uu@3", "dien@4", "bien@5"], Folded("ĂN ÂN ƠN ƯU ĐIỆN BIÊN"));
    }

    [Fact]
    public void Should_keep_the_compound_and_its_parts_when_words_are_joined_by_an_ampersand()
    {
        Assert.Equal(
            ["sở@0", "kh@1", "kh&cn@1", "khcn@1", "cn@2", "tỉnh@3", "bắc@4", "kạn@5"],
            Exact("Sở KH&CN tỉnh Bắc Kạn"));
        Assert.Equal(
            ["so@0", "kh@1", "kh&cn@1", "khcn@1", "cn@2", "tinh@3", "bac@4", "kan@5"],
            Folded("Sở KH&CN tỉnh Bắc Kạn"));
        Assert.Equal(["sở@0", "kh@1", "kh&đt@1", "khđt@1", "đt@2"], Exact("Sở KH&ĐT"));
        Assert.Equal(["so@0", "kh@1", "kh&dt@1", "khdt@1", "dt@2"], Folded("Sở KH&ĐT"));
    }

    [Fact]
    public void Should_keep_numbers_codes_and_document_numbers_when_they_hold_dots_hyphens_and_slashes()
    {
        Assert.Equal(["công@0", "nghiệp@1", "4@2", "4.0@2", "0@3"], Exact("Công nghiệp 4.0"));
        Assert.Equal(["ma@0", "so@1", "thue@2", "0101234567@3", "0101234567-001@3", "001@4"], Folded("mã số thuế 0101234567-001"));
        Assert.Equal(["b2b@0", "và@1", "b2c@2"], Exact("B2B và B2C"));
        Assert.Equal(["62@0", "62/kh-ubnd@0", "kh@1", "ubnd@2", "ngày@3", "15@4", "15/3/2024@4", "3@5", "2024@6"], Exact("62/KH-UBND ngày 15/3/2024"));
    }

    [Fact]
    public void Should_find_the_address_its_domain_and_every_part_when_the_text_holds_an_email_address()
    {
        Assert.Equal(
            ["liên@0", "hệ@1", "lienhe@2", "lienhe@sokhcn.gov.vn@2", "sokhcn@3", "sokhcn.gov.vn@3", "gov@4", "vn@5"],
            Exact("Liên hệ: lienhe@sokhcn.gov.vn."));
        Assert.Equal(
            ["e@0", "e-mail@so.gov.vn@0", "e-mail@0", "mail@1", "so@2", "so.gov.vn@2", "gov@3", "vn@4"],
            Exact("e-mail@so.gov.vn"));
    }

    [Theory]
    [InlineData("kết thúc. Tiếp theo", new[] { "kết@0", "thúc@1", "tiếp@2", "theo@3" })]
    [InlineData("a--b a..b a. .b -5 5- &&", new[] { "a@0", "b@1", "a@2", "b@3", "a@4", "b@5", "5@6", "5@7" })]
    [InlineData("Hà Nội - Hải Phòng", new[] { "hà@0", "nội@1", "hải@2", "phòng@3" })]
    [InlineData("(KH&CN)", new[] { "kh@0", "kh&cn@0", "khcn@0", "cn@1" })]
    [InlineData("R&D, AI", new[] { "r@0", "r&d@0", "rd@0", "d@1", "ai@2" })]
    public void Should_keep_a_joiner_only_between_word_characters_when_punctuation_surrounds_words(string text, string[] expected) =>
        Assert.Equal(expected, Exact(text));

    [Fact]
    public void Should_give_the_same_tokens_when_the_text_arrives_decomposed()
    {
        const string text = "Khởi nghiệp Đổi mới sáng tạo tỉnh Cao Bằng, KH&CN Đắk Lắk, hòa thuỵ ƯU";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(text, decomposed);

        Assert.Equal(Exact(text), Exact(decomposed));
        Assert.Equal(Folded(text), Folded(decomposed));
        Assert.Equal(Exact(text), Terms(ExactAnalyzer, new TrickleReader(decomposed)));
        Assert.Equal(Folded(text), Terms(FoldedAnalyzer, new TrickleReader(decomposed)));
    }

    [Fact]
    public void Should_ask_the_full_nfc_check_when_a_character_could_compose_with_the_one_before_it()
    {
        // Every character that ends up after the first in a canonical decomposition can compose with what precedes
        // it, so the quick check must not let it through.
        var letThrough = new List<string>();
        for (var code = 0; code < 0x10000; code++)
        {
            var c = (char)code;
            if (char.IsSurrogate(c) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            letThrough.AddRange(decomposed.Skip(1).Where(NfcCheck.IsStable).Select(d => $"U+{(int)d:X4} in U+{code:X4}"));
            if (NfcCheck.IsStable(c) && !c.ToString().IsNormalized(NormalizationForm.FormC))
            {
                letThrough.Add($"U+{code:X4}");
            }
        }

        Assert.Empty(letThrough);
        Assert.True(NfcCheck.IsNfc("nghiệp đắk lắk ưu"));
        Assert.False(NfcCheck.IsNfc("nghie\u0302\u0323p"));
        Assert.False(NfcCheck.IsNfc("\u1100\u1161"));
        Assert.False(NfcCheck.IsNfc("\u2126"));
    }

    [Fact]
    public void Should_compose_a_letter_and_its_mark_when_a_read_of_the_input_ends_between_them()
    {
        // The tokenizer reads 4,096 characters at a time: "e" is the last of the first read, its marks the next.
        var padding = new string(' ', 4096 - "Vi".Length - 1);
        var text = padding + "Vie\u0302\u0323t Nam";
        Assert.Equal('e', text[4095]);

        Assert.Equal(["việt@0", "nam@1"], Exact(text));
        Assert.Equal(["viet@0", "nam@1"], Folded(text));

        // A surrogate pair split the same way stays one letter.
        var pair = new string(' ', 4094) + "x\U0001D400y z";
        Assert.True(char.IsHighSurrogate(pair[4095]));
        Assert.Equal(["x\U0001D400y@0", "z@1"], Exact(pair));
    }

    [Fact]
    public void Should_fold_old_and_new_tone_placement_alike_and_keep_the_exact_form_apart_from_other_tones()
    {
        Assert.Equal(Exact("hoà thuý khoẻ toà"), Exact("hòa thúy khỏe tòa"));
        Assert.Equal(["hoà@0", "thuý@1", "khoẻ@2", "toà@3"], Exact("HÒA THÚY KHỎE TÒA"));
        Assert.Equal(["hoa@0", "thuy@1", "khoe@2", "toa@3"], Folded("hòa thúy khỏe tòa"));
        Assert.Equal(["hoa@0", "thuy@1", "khoe@2", "toa@3"], Folded("hoà thuý khoẻ toà"));

        // With a final consonant or another vowel after, both placements agree already and nothing moves.
        Assert.Equal(["hoàng@0", "ngoài@1", "thuyết@2", "quý@3", "khuya@4"], Exact("Hoàng ngoài thuyết quý khuya"));

        // Other tones stay other words in the exact form.
        Assert.Equal(["nguyễn@0", "nguyên@1"], Exact("Nguyễn Nguyên"));
        Assert.Equal(["nguyen@0", "nguyen@1"], Folded("Nguyễn Nguyên"));
    }

    [Fact]
    public void Should_cut_a_long_word_and_keep_its_start_when_it_exceeds_the_longest_word()
    {
        Assert.Equal([new string('a', SearchText.MaxWordLength) + "@0", "b@1"], Exact(new string('a', 5000) + " b"));

        // A compound cut to its first part is not repeated at that position; its other parts follow.
        Assert.Equal([new string('x', SearchText.MaxWordLength) + "@0", "y@1"], Exact(new string('x', 100) + ".y"));

        // Never cut between the halves of a surrogate pair.
        var token = Assert.Single(SearchAnalyzers.Tokens(ExactAnalyzer, "a" + string.Concat(Enumerable.Repeat("\U0001D400", 40))));
        Assert.Equal(SearchText.MaxWordLength - 1, token.Term.Length);
        Assert.True(char.IsLowSurrogate(token.Term[^1]));
    }

    [Fact]
    public void Should_split_a_compound_after_sixteen_parts_when_the_text_is_a_long_run_of_dotted_numbers()
    {
        var text = string.Join('.', Enumerable.Range(1, 20));
        var parts = SearchAnalyzers.Tokens(ExactAnalyzer, text).Where(t => t.Kind != SearchTokenKind.Compound).ToList();

        Assert.Equal(Enumerable.Range(1, 20).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), parts.Select(t => t.Term));
        Assert.Equal(Enumerable.Range(0, 20), parts.Select(t => t.Position));
        Assert.Equal(
            ["1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16", "17.18.19.20"],
            SearchAnalyzers.Tokens(ExactAnalyzer, text).Where(t => t.Kind == SearchTokenKind.Compound).Select(t => t.Term));
    }

    [Fact]
    public void Should_tell_kinds_and_offsets_when_the_query_side_asks_for_tokens()
    {
        const string text = "Sở KH&CN";
        var tokens = SearchAnalyzers.Tokens(FoldedAnalyzer, text);

        Assert.Equal(
            [
                new AnalyzedToken("so", 1, 0, SearchTokenKind.Word, 0, 2),
                new AnalyzedToken("kh", 1, 1, SearchTokenKind.Part, 3, 5),
                new AnalyzedToken("kh&cn", 0, 1, SearchTokenKind.Compound, 3, 8),
                new AnalyzedToken("khcn", 0, 1, SearchTokenKind.Compound, 3, 8),
                new AnalyzedToken("cn", 1, 2, SearchTokenKind.Part, 6, 8),
            ],
            tokens);

        // Offsets are those of the text as given, also when it was decomposed.
        var decomposed = "Việt Nam".Normalize(NormalizationForm.FormD);
        Assert.Equal([(0, decomposed.IndexOf(' ', StringComparison.Ordinal)), (decomposed.Length - 3, decomposed.Length)], SearchAnalyzers.Tokens(ExactAnalyzer, decomposed).Select(t => (t.StartOffset, t.EndOffset)));
    }

    [Theory]
    [InlineData("Sở KH&CN tỉnh Bắc Kạn")]
    [InlineData("Công nghiệp 4.0, mã số thuế 0101234567-001; liên hệ lienhe@sokhcn.gov.vn")]
    [InlineData("62/KH-UBND ngày 15/3/2024 (e-commerce) B2B R&D")]
    [InlineData("a--b a..b a. .b -5 5- && \u0301a\u0301 Khởi nghiệp ĐỔI MỚI 1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18")]
    public void Should_give_the_words_the_site_splits_when_asked_for_words_only(string text)
    {
        Assert.Equal(SearchText.Words(text).Select(SearchText.Fold), SearchAnalyzers.Words(FoldedAnalyzer, text));
        Assert.Equal(SearchText.Words(text), SearchAnalyzers.Words(ExactAnalyzer, text));
    }

    [Theory]
    [InlineData("Sở KH&CN tỉnh Bắc Kạn", "sở kh cn tỉnh", true)]
    [InlineData("Sở KH&CN tỉnh Bắc Kạn", "KH&CN tỉnh Bắc", true)]
    [InlineData("Sở KH&CN tỉnh Bắc Kạn", "cn tỉnh", true)]
    [InlineData("Sở KH&CN tỉnh Bắc Kạn", "sở cn", false)]
    [InlineData("Sở KH&CN tỉnh Bắc Kạn", "sở tỉnh", false)]
    [InlineData("Chiến lược của tỉnh về công nghiệp 4.0 và chuyển đổi số", "lược của tỉnh", true)]
    [InlineData("Chiến lược của tỉnh về công nghiệp 4.0 và chuyển đổi số", "công nghiệp 4.0 và", true)]
    [InlineData("Chiến lược của tỉnh về công nghiệp 4.0 và chuyển đổi số", "nghiệp 4 0 và chuyển", true)]
    [InlineData("Chiến lược của tỉnh về công nghiệp 4.0 và chuyển đổi số", "lược tỉnh", false)]
    [InlineData("Gửi về lienhe@sokhcn.gov.vn trước ngày", "gửi về sokhcn.gov.vn", false)]
    [InlineData("Gửi về lienhe@sokhcn.gov.vn trước ngày", "về lienhe sokhcn gov vn trước", true)]
    [InlineData("Gửi về lienhe@sokhcn.gov.vn trước ngày", "sokhcn.gov.vn trước", true)]
    [InlineData("mã số thuế 0101234567-001 của công ty", "thuế 0101234567 001 của", true)]
    public void Should_match_phrases_across_compounds_when_the_query_keeps_the_positions(string document, string phrase, bool expected)
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzers.Lucene, FoldedAnalyzer)))
        {
            writer.AddDocument([new TextField("f", document, Field.Store.NO)]);
            writer.Commit();
        }

        using var reader = DirectoryReader.Open(directory);
        var query = new PhraseQuery();
        foreach (var token in SearchAnalyzers.Tokens(FoldedAnalyzer, phrase))
        {
            query.Add(new Term("f", token.Term), token.Position);
        }

        Assert.Equal(expected ? 1 : 0, new IndexSearcher(reader).Search(query, 1).TotalHits);
    }

    [Fact]
    public void Should_never_throw_and_give_only_sound_tokens_when_the_text_is_hostile()
    {
        var random = new Random(20261205);
        string[] alphabet = ["a", "Đ", "ư", "\u0301", "\u0323", "\u0000", "\u001F", "\u007F", "\uD800", "\uDC00", "\U0001F44D", "\u200D", "\uFE0F", "&", ".", "-", "@", "/", "_", " ", "\n", "\u202E", "م", "ש", "한", "\u1100", "\u1161", "ஔ", "\u0BD7", "\uFFFF", "\uFFFE", "0", "١", "²", "ǅ", "İ", "ß", "ﬁ"];
        var corpus = new List<string>
        {
            string.Empty, " ", "\u0301", "\u0301\u0301 \u0300", "\u0000\u0001\u001F\u007F\u0085", "\uD800", "\uDC00abc\uD800", "a\uD800b", "\uDBFF\uDFFF",
            "👍🏽 ❤️ 👨‍👩‍👧 🇻🇳", "مرحبا بالعالم שלום עולם", "\u202Eabc\u202C", "a" + new string('\u0301', 1000), "Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍A̴̵̜̰͔ͫ͗͢",
            "....", "&&&", "a&", "&a", "@", "a@", "@b", "a@b@c", string.Join('.', Enumerable.Range(0, 10_000)), new string('a', 100_000),
            string.Concat(Enumerable.Repeat("Chuyển đổi số KH&CN 4.0 lienhe@so.gov.vn ", 2_500)), "한국어 \u1100\u1161\u11A8", "\u0958 ஔ", "\uFFFF\uFFFE\uFDD0",
        };
        for (var i = 0; i < 300; i++)
        {
            corpus.Add(string.Concat(Enumerable.Range(0, random.Next(1, 60)).Select(_ => alphabet[random.Next(alphabet.Length)])));
        }

        foreach (var text in corpus)
        {
            foreach (var analyzer in new[] { ExactAnalyzer, FoldedAnalyzer })
            {
                var tokens = SearchAnalyzers.Tokens(analyzer, text);
                var position = -1;
                foreach (var token in tokens)
                {
                    Assert.NotEqual(string.Empty, token.Term);
                    Assert.True(token.Term.Length <= SearchText.MaxWordLength, text);
                    Assert.True(token.Term.IsNormalized(NormalizationForm.FormC), text);
                    Assert.False(char.IsHighSurrogate(token.Term[^1]), text);
                    Assert.True(token.PositionIncrement is 0 or 1 && position + token.PositionIncrement == token.Position, text);
                    Assert.True(0 <= token.StartOffset && token.StartOffset < token.EndOffset && token.EndOffset <= text.Length, text);
                    position = token.Position;
                }

                Assert.True(tokens.Count == 0 || tokens[0].PositionIncrement == 1, text);
            }
        }

        // Lucene's own checks (offsets never going back, positions from 0) accept every text of the corpus.
        using (var directory = new RAMDirectory())
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzers.Lucene, FoldedAnalyzer)))
        {
            var withOffsets = new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS, StoreTermVectors = true, StoreTermVectorOffsets = true, StoreTermVectorPositions = true };
            foreach (var text in corpus)
            {
                writer.AddDocument([new Field("folded", text, withOffsets), new Field("exact", ExactAnalyzer.GetTokenStream("exact", text), withOffsets)]);
            }

            writer.Commit();
            Assert.Equal(corpus.Count, writer.NumDocs);
        }

        Assert.Empty(SearchAnalyzers.Tokens(ExactAnalyzer, null));
        Assert.Empty(SearchAnalyzers.Tokens(ExactAnalyzer, "\u0301\u0301 \u0300 \uD800 👍🏽 ... &&"));
        Assert.Equal(["tôi@0", "hà@1", "nội@2"], Exact("Tôi ❤️ Hà Nội 👍🏽"));
        Assert.Equal(["مرحبا@0", "שלום@1"], Exact("مرحبا שלום"));
        Assert.Equal(["á@0"], Exact("\u0301a\u0301"));
        Assert.Equal(["a@0", "b@1"], Exact("a\uD800b"));

        // Parts put side by side without their joiner are normalised again: a Hangul consonant and vowel compose.
        Assert.Equal(["\u1100@0", "\u1100&\u1161@0", "\uAC00@0", "\u1161@1"], Exact("\u1100&\u1161"));
        Assert.Equal(new string('a', SearchText.MaxWordLength), Assert.Single(SearchAnalyzers.Tokens(FoldedAnalyzer, new string('a', 100_000))).Term);
    }

    [Fact]
    public void Should_read_the_same_tokens_when_an_analyzer_is_reused_for_many_texts()
    {
        var first = Exact("Sở KH&CN tỉnh Bắc Kạn");
        Exact("lienhe@sokhcn.gov.vn " + new string('a', 10_000));
        Exact("\u0301");

        Assert.Equal(first, Exact("Sở KH&CN tỉnh Bắc Kạn"));
        Assert.Equal(2, SearchAnalyzers.Version);
    }

    private static List<string> Exact(string text) => Show(SearchAnalyzers.Tokens(ExactAnalyzer, text));

    private static List<string> Folded(string text) => Show(SearchAnalyzers.Tokens(FoldedAnalyzer, text));

    private static List<string> Show(IEnumerable<AnalyzedToken> tokens) => [.. tokens.Select(t => $"{t.Term}@{t.Position}")];

    private static List<string> Terms(Analyzer analyzer, TextReader reader)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("f", reader);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            terms.Add($"{term}@{position}");
        }

        stream.End();
        return terms;
    }

    /// <summary>Hands the text out one character per read, so every boundary between characters is a buffer boundary.</summary>
    private sealed class TrickleReader(string text) : TextReader
    {
        private int position;

        public override int Read(char[] buffer, int index, int count)
        {
            if (position >= text.Length || count == 0)
            {
                return 0;
            }

            buffer[index] = text[position++];
            return 1;
        }

        public override int Read() => position < text.Length ? text[position++] : -1;

        public override int Peek() => position < text.Length ? text[position] : -1;
    }
}
