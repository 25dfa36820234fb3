using Incubator.Core.Time;

namespace Incubator.UnitTests.Time;

public sealed class VietnamTimeTests
{
    [Fact]
    public void Should_show_next_day_when_utc_evening_crosses_midnight_in_vietnam()
    {
        var utc = new DateTime(2026, 1, 10, 18, 30, 0, DateTimeKind.Utc);

        Assert.Equal("11/01/2026", VietnamTime.FormatDate(utc));
    }

    [Fact]
    public void Should_show_same_day_when_utc_morning()
    {
        var utc = new DateTime(2026, 1, 10, 9, 0, 0, DateTimeKind.Utc);

        Assert.Equal("10/01/2026", VietnamTime.FormatDate(utc));
    }

    [Fact]
    public void Should_format_date_and_time_in_vietnam_time_when_given_utc()
    {
        var utc = new DateTime(2026, 1, 10, 18, 30, 0, DateTimeKind.Utc);

        Assert.Equal("11/01/2026 01:30", VietnamTime.FormatDateTime(utc));
    }

    [Fact]
    public void Should_treat_value_as_utc_when_kind_is_unspecified()
    {
        var unspecified = new DateTime(2026, 6, 30, 20, 5, 0, DateTimeKind.Unspecified);

        Assert.Equal("01/07/2026 03:05", VietnamTime.FormatDateTime(unspecified));
    }

    [Fact]
    public void Should_add_seven_hours_when_converting_to_local()
    {
        var utc = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2026, 7, 1, 7, 0, 0), VietnamTime.ToLocal(utc));
    }

    [Fact]
    public void Should_format_calendar_date_without_shifting_when_given_date_only()
    {
        Assert.Equal("05/09/2026", VietnamTime.FormatDate(new DateOnly(2026, 9, 5)));
    }

    [Theory]
    [InlineData("05/09/2026")]
    [InlineData("5/9/2026")]
    [InlineData(" 2026-09-05 ")]
    public void Should_read_a_date_when_people_type_it_or_a_date_input_sends_it(string text)
    {
        Assert.True(VietnamTime.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(2026, 9, 5), date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("09/31/2026")]
    [InlineData("2026/09/05")]
    [InlineData("5 tháng 9")]
    public void Should_refuse_a_date_when_it_is_not_one_of_the_forms_formats(string? text) =>
        Assert.False(VietnamTime.TryParseDate(text, out _));

    [Fact]
    public void Should_read_only_yyyy_mm_dd_when_a_date_comes_from_json()
    {
        Assert.True(VietnamTime.TryParseIsoDate("2026-09-05", out var date));
        Assert.Equal("2026-09-05", VietnamTime.FormatIsoDate(date));
        Assert.False(VietnamTime.TryParseIsoDate("05/09/2026", out _));
    }
}
