using Incubator.Web.Features.Targets;
using Incubator.Web.Features.Taxonomies;

namespace Incubator.UnitTests.Targets;

public sealed class TargetProgressTests
{
    private static Target Target(decimal baseline, decimal min, int start, int deadline) =>
        new() { Key = "t", Baseline = baseline, Min = min, Max = min, StartYear = start, DeadlineYear = deadline };

    [Theory]
    [InlineData("2024-01-01", 0)]
    [InlineData("2023-06-30", 0)]
    [InlineData("2030-12-31", 15)]
    [InlineData("2031-03-01", 15)]
    [InlineData("2027-07-02", 7.5)]
    public void Should_expect_an_even_climb_from_baseline_to_target_when_measured_at_a_date(string today, decimal expected) =>
        Assert.Equal(expected, Math.Round(TargetProgress.Expected(Target(0, 15, 2024, 2030), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)), 1));

    [Fact]
    public void Should_start_from_the_baseline_when_one_is_given() =>
        Assert.Equal(10m, TargetProgress.Expected(Target(10, 20, 2025, 2025), new DateOnly(2025, 1, 1)));

    [Fact]
    public void Should_count_a_commune_in_its_province_and_respect_every_filter_when_rows_are_matched()
    {
        var row = new IndicatorRow("1", "x", new DateOnly(2025, 3, 1)) { Locality = "cao-bang.tan-giang", SupportType = "ip-protection", AppliedInProduction = true };
        var localities = new LocalityScope(
        [
            new TaxonomyTerm { Code = "cao-bang" },
            new TaxonomyTerm { Code = "cao-bang.tan-giang", ParentCode = "cao-bang" },
            new TaxonomyTerm { Code = "cao" },
        ]);

        Assert.True(TargetProgress.Matches(new IndicatorFilter(Localities: ["cao-bang"]), row, localities));
        Assert.True(TargetProgress.Matches(new IndicatorFilter(Localities: ["cao-bang.tan-giang"], SupportTypes: ["ip-protection"]), row, localities));
        Assert.False(TargetProgress.Matches(new IndicatorFilter(Localities: ["cao"]), row, localities));
        Assert.False(TargetProgress.Matches(new IndicatorFilter(SupportTypes: ["technology-transfer"]), row, localities));
        Assert.True(TargetProgress.Matches(new IndicatorFilter(From: new DateOnly(2025, 3, 1), To: new DateOnly(2025, 3, 1)), row, localities));
        Assert.False(TargetProgress.Matches(new IndicatorFilter(From: new DateOnly(2025, 3, 2)), row, localities));
        Assert.False(TargetProgress.Matches(new IndicatorFilter(AppliedInProduction: false), row, localities));
        Assert.False(TargetProgress.Matches(new IndicatorFilter(Programmes: ["any"]), row, localities));
        Assert.True(TargetProgress.Matches(null, row, localities));
    }

    [Fact]
    public void Should_meet_above_only_past_the_figure_and_fall_behind_after_the_deadline_when_a_target_is_judged()
    {
        var count = Target(0, 10, 2024, 2030);
        var above = new Target { Key = "a", Min = 5, Max = 5, AboveMin = true, StartYear = 2021, DeadlineYear = 2025 };
        var june2026 = new DateOnly(2026, 6, 1);

        Assert.Equal(TargetState.Met, TargetProgress.Judge(count, 10, 4, rate: false, june2026));
        Assert.Equal(TargetState.OnTrack, TargetProgress.Judge(count, 4, 4, rate: false, june2026));
        Assert.Equal(TargetState.Behind, TargetProgress.Judge(count, 3, 4, rate: false, june2026));
        Assert.Equal(TargetState.Unknown, TargetProgress.Judge(count, null, 4, rate: false, june2026));
        Assert.Equal(TargetState.Behind, TargetProgress.Judge(above, 5, 5, rate: true, june2026));
        Assert.Equal(TargetState.Met, TargetProgress.Judge(above, 5.1m, 5, rate: true, june2026));

        // Past the deadline a count that has reached its line but not its target is behind, not on track.
        Assert.Equal(TargetState.Behind, TargetProgress.Judge(count, 9, 9, rate: false, new DateOnly(2031, 1, 2)));
    }

    [Theory]
    [InlineData(6.2, true, "6")]
    [InlineData(6.5, true, "7")]
    [InlineData(6.24, false, "6,2")]
    public void Should_write_counts_as_whole_numbers_when_a_target_counts_things(decimal value, bool whole, string expected) =>
        Assert.Equal(expected, TargetChart.Number(value, whole));

    [Theory]
    [InlineData(1234567, "1.234.567")]
    [InlineData(12.5, "12,5")]
    [InlineData(0, "0")]
    public void Should_write_numbers_the_vietnamese_way_when_shown(decimal value, string expected) =>
        Assert.Equal(expected, TargetChart.Number(value));
}
