using Incubator.Core.Text;

namespace Incubator.UnitTests.Text;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Công ty Đổi Mới", "cong-ty-doi-moi")]
    [InlineData("Hợp tác xã Nông nghiệp Cao Bằng", "hop-tac-xa-nong-nghiep-cao-bang")]
    [InlineData("Startup 2026", "startup-2026")]
    public void Should_fold_to_lowercase_ascii_words_when_title_is_vietnamese(string title, string expected)
    {
        Assert.Equal(expected, Slug.From(title));
    }

    [Theory]
    [InlineData("đường Đồng Khởi", "duong-dong-khoi")]
    [InlineData("ĐĐđđ", "dddd")]
    public void Should_map_d_with_stroke_to_d_when_title_contains_it(string title, string expected)
    {
        Assert.Equal(expected, Slug.From(title));
    }

    [Theory]
    [InlineData("A  --  B", "a-b")]
    [InlineData("Hello, world!!! (2026)", "hello-world-2026")]
    [InlineData("  ...leading and trailing...  ", "leading-and-trailing")]
    [InlineData("-x-", "x")]
    public void Should_collapse_punctuation_to_single_dash_when_title_has_symbols(string title, string expected)
    {
        var slug = Slug.From(title);

        Assert.Equal(expected, slug);
        Assert.DoesNotContain("--", slug, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData("!@#$%^&*()")]
    [InlineData("— … —")]
    public void Should_return_empty_when_text_has_no_letters_or_digits(string? text)
    {
        Assert.Equal(string.Empty, Slug.From(text));
    }

    [Fact]
    public void Should_cut_at_word_boundary_when_title_is_longer_than_max_length()
    {
        var title = string.Join(' ', Enumerable.Repeat("Đổi mới sáng tạo", 20));
        var full = string.Join('-', Enumerable.Repeat("doi-moi-sang-tao", 20));

        var slug = Slug.From(title);

        Assert.InRange(slug.Length, Slug.MaxLength / 2, Slug.MaxLength);
        Assert.False(slug.EndsWith('-'));
        Assert.StartsWith(slug, full, StringComparison.Ordinal);
        // A word boundary: the untruncated slug continues with a dash right after the cut.
        Assert.Equal('-', full[slug.Length]);
    }

    [Fact]
    public void Should_cut_at_max_length_when_title_is_one_long_word()
    {
        var slug = Slug.From(new string('a', 200));

        Assert.Equal(new string('a', Slug.MaxLength), slug);
    }

    [Theory]
    [InlineData("cong-ty-doi-moi")]
    [InlineData("a")]
    [InlineData("2026")]
    [InlineData("abc-123-xyz")]
    public void Should_be_valid_when_value_is_a_well_formed_slug(string value)
    {
        Assert.True(Slug.IsValid(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Cong-ty")]
    [InlineData("cong ty")]
    [InlineData("-cong-ty")]
    [InlineData("cong-ty-")]
    [InlineData("cong--ty")]
    [InlineData("công-ty")]
    [InlineData("cong_ty")]
    public void Should_be_invalid_when_value_is_not_a_well_formed_slug(string? value)
    {
        Assert.False(Slug.IsValid(value));
    }

    [Fact]
    public void Should_be_valid_when_value_comes_from_slug_from()
    {
        Assert.True(Slug.IsValid(Slug.From("Công ty Đổi Mới, Sáng Tạo & Phát Triển")));
    }

    [Fact]
    public void Should_yield_numbered_candidates_when_slug_is_taken()
    {
        var candidates = Slug.Candidates("x").Take(4).ToList();

        Assert.Equal(["x", "x-2", "x-3", "x-4"], candidates);
    }

    [Fact]
    public void Should_stay_within_max_length_when_slug_is_already_max_length()
    {
        var slug = new string('a', Slug.MaxLength);

        var candidates = Slug.Candidates(slug).Take(120).ToList();

        Assert.Equal(slug, candidates[0]);
        Assert.All(candidates, c => Assert.InRange(c.Length, 1, Slug.MaxLength));
        Assert.EndsWith("-2", candidates[1], StringComparison.Ordinal);
        Assert.EndsWith("-120", candidates[119], StringComparison.Ordinal);
        Assert.Equal(candidates.Count, candidates.Distinct(StringComparer.Ordinal).Count());
        Assert.All(candidates, c => Assert.True(Slug.IsValid(c), c));
    }

    [Fact]
    public void Should_not_leave_double_dash_when_truncation_lands_after_a_dash()
    {
        // 78 characters then a dash: cutting to make room for "-2" lands right after that dash.
        var slug = new string('a', 77) + "-bb";
        Assert.Equal(Slug.MaxLength, slug.Length);

        var second = Slug.Candidates(slug).ElementAt(1);

        Assert.Equal(new string('a', 77) + "-2", second);
        Assert.True(Slug.IsValid(second));
    }
}
