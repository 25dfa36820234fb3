using Incubator.Workflows;

namespace Incubator.UnitTests.Workflows;

public sealed class WorkingCalendarTests
{
    /// <summary>Saturday and Sunday off, and Tết 2026: 29 Chạp to mùng 4, Monday 16 to Friday 20 February.</summary>
    private static readonly WorkingCalendar Tet2026 = new(Enumerable.Range(16, 5).Select(day => new DateOnly(2026, 2, day)));

    [Theory]
    [InlineData("2026-01-01")] // New Year
    [InlineData("2026-02-17")] // Tết, mùng 1
    [InlineData("2026-04-27")] // Hùng Kings (Sunday 26/4) compensated
    [InlineData("2026-04-30")]
    [InlineData("2026-05-01")]
    [InlineData("2026-09-02")]
    [InlineData("2027-02-10")] // Tết 2027, compensating the weekend of mùng 1–2
    [InlineData("2027-04-16")] // Hùng Kings
    [InlineData("2027-05-03")] // Labour Day (Saturday 1/5) compensated
    [InlineData("2027-09-03")]
    [InlineData("2026-03-07")] // a Saturday
    [InlineData("2026-03-08")] // a Sunday
    public void Should_not_count_a_day_when_it_is_a_weekend_or_a_holiday_of_the_default_recipe(string day)
    {
        Assert.False(TestWorkflows.DefaultCalendar().IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Should_count_an_ordinary_weekday()
    {
        Assert.True(Tet2026.IsWorkingDay(new DateOnly(2026, 3, 9)));
        Assert.True(TestWorkflows.DefaultCalendar().IsWorkingDay(new DateOnly(2026, 3, 9)));
    }

    [Fact]
    public void Should_skip_the_whole_tet_break_when_adding_working_days()
    {
        // Friday 13/02/2026, then Tết from Monday 16 to Friday 20 and the weekends around it.
        Assert.Equal(new DateOnly(2026, 2, 23), Tet2026.AddWorkingDays(new DateOnly(2026, 2, 13), 1));
    }

    [Fact]
    public void Should_return_the_start_when_adding_zero_working_days()
    {
        Assert.Equal(new DateOnly(2026, 3, 7), Tet2026.AddWorkingDays(new DateOnly(2026, 3, 7), 0));
    }

    [Fact]
    public void Should_use_the_given_holidays_and_weekend_when_configured()
    {
        var calendar = new WorkingCalendar([new DateOnly(2026, 3, 10)], [DayOfWeek.Sunday]);

        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 3, 7))); // Saturday works here
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 4, 30))); // not in this list
        Assert.Equal(new DateOnly(2026, 3, 11), calendar.AddWorkingDays(new DateOnly(2026, 3, 7), 2)); // skips Sunday 8, holiday 10
    }

    [Fact]
    public void Should_refuse_a_week_without_working_days()
    {
        Assert.Throws<ArgumentException>(() => new WorkingCalendar([], Enum.GetValues<DayOfWeek>()));
    }
}
