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
}
