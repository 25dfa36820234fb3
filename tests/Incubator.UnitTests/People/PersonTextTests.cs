using System.Text;
using Incubator.Web.Features.People;

namespace Incubator.UnitTests.People;

public sealed class PersonTextTests
{
    [Fact]
    public void Should_give_one_form_when_a_name_differs_in_unicode_form_case_and_spaces()
    {
        var nfd = "  NGUYỄN   Văn\tAn ".Normalize(NormalizationForm.FormD);

        Assert.Equal("nguyễn văn an", PersonText.NormalizeName(nfd));
        Assert.Equal(PersonText.NormalizeName("Nguyễn Văn An"), PersonText.NormalizeName(nfd));
        Assert.NotEqual(PersonText.NormalizeName("Nguyễn Văn Ân"), PersonText.NormalizeName("Nguyễn Văn An"));
    }

    [Theory]
    [InlineData(" An.Nguyen@Example.VN ", "an.nguyen@example.vn")]
    [InlineData("an@x.vn", "an@x.vn")]
    public void Should_compare_emails_without_case_when_normalised(string typed, string expected) =>
        Assert.Equal(expected, PersonText.NormalizeEmail(typed));

    [Theory]
    [InlineData("0912 345 678", "0912345678")]
    [InlineData("+84 912 345 678", "0912345678")]
    [InlineData("+84-912.345.678", "0912345678")]
    [InlineData("84912345678", "0912345678")]
    [InlineData("(0206) 3852 123", "02063852123")]
    [InlineData("+1 202 555 0100", "12025550100")]
    [InlineData("không có", "")]
    public void Should_fold_the_country_code_when_a_phone_is_written_with_84(string typed, string expected) =>
        Assert.Equal(expected, PersonText.NormalizePhone(typed));
}
