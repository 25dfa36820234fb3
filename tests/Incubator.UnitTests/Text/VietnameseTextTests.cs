using System.Text;
using Incubator.Core.Text;

namespace Incubator.UnitTests.Text;

public sealed class VietnameseTextTests
{
    [Fact]
    public void Should_compose_to_nfc_when_text_is_nfd()
    {
        const string nfc = "Đổi mới";
        var nfd = nfc.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(nfc, nfd, StringComparer.Ordinal);

        var result = VietnameseText.ToNfc(nfd);

        Assert.Equal(nfc, result, StringComparer.Ordinal);
        Assert.True(result.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Should_return_null_when_text_is_null()
    {
        Assert.Null(VietnameseText.ToNfc(null));
    }

    [Fact]
    public void Should_return_same_instance_when_text_is_already_nfc()
    {
        var nfc = "Sáng tạo".Normalize(NormalizationForm.FormC);

        Assert.Same(nfc, VietnameseText.ToNfc(nfc));
    }

    [Theory]
    [InlineData("Đổi Mới Sáng Tạo", "doi moi sang tao")]
    [InlineData("Cao Bằng, Bắc Kạn, Kon Tum", "cao bang, bac kan, kon tum")]
    [InlineData("ĐẠI HỌC", "dai hoc")]
    [InlineData("plain ascii 123", "plain ascii 123")]
    [InlineData("", "")]
    public void Should_lowercase_and_strip_diacritics_when_folding(string text, string expected)
    {
        Assert.Equal(expected, VietnameseText.Fold(text));
    }

    [Fact]
    public void Should_fold_the_same_when_text_is_nfd()
    {
        const string text = "Đổi Mới Sáng Tạo";

        Assert.Equal(VietnameseText.Fold(text), VietnameseText.Fold(text.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Should_throw_when_folding_null()
    {
        Assert.Throws<ArgumentNullException>(() => VietnameseText.Fold(null!));
    }
}
