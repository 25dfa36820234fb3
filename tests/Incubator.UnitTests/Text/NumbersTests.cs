using System.Globalization;
using Incubator.Core.Text;

namespace Incubator.UnitTests.Text;

public sealed class NumbersTests
{
    [Theory]
    [InlineData("vi-VN", 1234567.0, 2, "1.234.567")]
    [InlineData("vi-VN", 1234.5, 1, "1.234,5")]
    [InlineData("vi-VN", 12.345, 2, "12,35")]
    [InlineData("en-GB", 1234567.0, 2, "1,234,567")]
    [InlineData("en-GB", 1234.5, 1, "1,234.5")]
    [InlineData("en-GB", -0.25, 2, "-0.25")]
    public void Should_write_separators_of_the_readers_language_when_a_number_is_shown(string culture, double value, int decimals, string expected) =>
        Assert.Equal(expected, Numbers.Format((decimal)value, decimals, CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void Should_show_a_dash_when_there_is_no_value() => Assert.Equal("—", Numbers.Format(null));

    [Theory]
    [InlineData("12,5", 12.5)]
    [InlineData("12.5", 12.5)]
    [InlineData(" -3 ", -3)]
    [InlineData("1 000", 1000)]
    public void Should_read_a_number_with_either_decimal_mark_when_people_type_it(string text, double expected)
    {
        Assert.True(Numbers.TryParse(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1.500,5")]
    [InlineData("abc")]
    public void Should_refuse_a_number_when_it_is_ambiguous_or_not_a_number(string? text) =>
        Assert.False(Numbers.TryParse(text, out _));
}
