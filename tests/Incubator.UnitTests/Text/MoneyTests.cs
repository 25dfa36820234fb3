using Incubator.Core.Text;

namespace Incubator.UnitTests.Text;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(1_500_000_000L, "1.500.000.000 ₫")]
    [InlineData(0L, "0 ₫")]
    [InlineData(999L, "999 ₫")]
    [InlineData(1_000L, "1.000 ₫")]
    [InlineData(-25_000L, "-25.000 ₫")]
    public void Should_group_thousands_with_dots_when_formatting_dong(long dong, string expected)
    {
        Assert.Equal(expected, Money.Format(dong));
    }

    [Theory]
    [InlineData("1500000000", 1_500_000_000L)]
    [InlineData("1.500.000.000", 1_500_000_000L)]
    [InlineData("1.500.000.000 ₫", 1_500_000_000L)]
    [InlineData("1 500 000 000", 1_500_000_000L)]
    [InlineData("1\u00a0500\u00a0000₫", 1_500_000L)]
    [InlineData("1,500,000", 1_500_000L)]
    [InlineData("  300.000  ", 300_000L)]
    [InlineData("0", 0L)]
    public void Should_read_an_amount_when_people_type_it_with_or_without_separators(string text, long expected)
    {
        Assert.True(Money.TryParse(text, out var dong));
        Assert.Equal(expected, dong);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("₫")]
    [InlineData("-5000")]
    [InlineData("1,5")]
    [InlineData("15.00")]
    [InlineData("1.500,000")]
    [InlineData(".500")]
    [InlineData("1.5000.000")]
    [InlineData("12ab")]
    [InlineData("99999999999999999999")]
    public void Should_refuse_an_amount_when_it_is_not_a_whole_number_of_dong(string? text) =>
        Assert.False(Money.TryParse(text, out _));

    [Fact]
    public void Should_read_back_what_it_writes_when_an_amount_goes_round() =>
        Assert.True(Money.TryParse(Money.Format(1_234_567_890L), out var dong) && dong == 1_234_567_890L);
}
