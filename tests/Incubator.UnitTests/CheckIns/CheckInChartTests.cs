using Incubator.Web.Features.CheckIns;

namespace Incubator.UnitTests.CheckIns;

/// <summary>The trend charts' points and the periods' rules: parsing, the cadence's periods, what is due and what the form offers.</summary>
public sealed class CheckInChartTests
{
    [Fact]
    public void Should_spread_the_periods_across_and_put_the_highest_value_at_the_top()
    {
        var chart = new TrendChart([("2026-Q1", 0), ("2026-Q2", 50), ("2026-Q3", 100)], width: 108, height: 58, padding: 4);
        Assert.Equal(100, chart.Max);
        Assert.Equal([(4d, 54d), (54d, 29d), (104d, 4d)], chart.Points);
        Assert.Equal("4,54 54,29 104,4", chart.Polyline);
        Assert.Equal(100, chart.Last);
        Assert.Equal("0 0 108 58", chart.ViewBox);
    }

    [Fact]
    public void Should_draw_one_value_in_the_middle_and_all_zeros_on_the_floor()
    {
        Assert.Equal([(50d, 4d)], new TrendChart([("2026-11", 7)], width: 100, height: 48, padding: 4).Points);
        var zeros = new TrendChart([("2026-10", 0), ("2026-11", 0)], width: 100, height: 48, padding: 4);
        Assert.All(zeros.Points, p => Assert.Equal(44d, p.Y));
        Assert.Equal(0, zeros.Max);
        Assert.Empty(new TrendChart([]).Points);
        Assert.Null(new TrendChart([]).Last);
    }

    [Theory]
    [InlineData("2026-11", "2026-11", "2026-11-01", "2026-11-30")]
    [InlineData("2026-q4", "2026-Q4", "2026-10-01", "2026-12-31")]
    [InlineData(" 2024-02 ", "2024-02", "2024-02-01", "2024-02-29")]
    public void Should_read_a_month_or_a_quarter(string text, string normal, string start, string end)
    {
        var period = CheckInPeriod.Parse(text)!;
        Assert.Equal(normal, period.ToString());
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q5")]
    [InlineData("1999-01")]
    [InlineData("2026/11")]
    [InlineData("")]
    [InlineData(null)]
    public void Should_refuse_anything_else(string? text) => Assert.Null(CheckInPeriod.Parse(text));

    [Fact]
    public void Should_find_the_period_due_after_the_grace_and_offer_the_last_one_ended()
    {
        // Quarterly, ten days of grace: on 10 October the third quarter is not due yet, on 11 October it is.
        Assert.Equal("2026-Q2", CheckInsOptions.DuePeriod(new DateOnly(2026, 10, 10), CheckInPeriod.Quarter, 10).ToString());
        Assert.Equal("2026-Q3", CheckInsOptions.DuePeriod(new DateOnly(2026, 10, 11), CheckInPeriod.Quarter, 10).ToString());
        Assert.Equal("2025-12", CheckInsOptions.DuePeriod(new DateOnly(2026, 1, 20), CheckInPeriod.Monthly, 10).ToString());
        Assert.Equal("2025-11", CheckInsOptions.DuePeriod(new DateOnly(2026, 1, 10), CheckInPeriod.Monthly, 10).ToString());

        var today = new DateOnly(2026, 12, 6);
        Assert.Equal("2026-Q3", MineModel.SuggestedPeriod(today, CheckInPeriod.Quarter, []).ToString());
        Assert.Equal("2026-Q4", MineModel.SuggestedPeriod(today, CheckInPeriod.Quarter, [new CheckIn { Period = "2026-Q3" }]).ToString());
        Assert.Equal("2026-11", MineModel.SuggestedPeriod(today, CheckInPeriod.Monthly, []).ToString());
    }
}
