using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Reviews;

namespace Incubator.UnitTests.Reviews;

public sealed class ConsolidationTests
{
    // A typical provincial S&T rubric: five criteria whose maximum points sum to 100.
    private static readonly RubricCriterion[] Criteria =
    [
        new("urgency", new("Tính cấp thiết", "Urgency"), 15),
        new("objectives", new("Mục tiêu", "Objectives"), 20),
        new("methods", new("Phương pháp", "Methods"), 25),
        new("feasibility", new("Tính khả thi", "Feasibility"), 20),
        new("impact", new("Hiệu quả", "Impact"), 20),
    ];

    private static readonly DateTime Monday = new(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);

    private static Rubric Council(ConsolidationRules? rules = null, decimal passMark = 70) => new(passMark, Criteria, rules);

    private static ScoreSheet Sheet(string reviewer, params int[] points) =>
        new(reviewer, Criteria.Zip(points).ToDictionary(p => p.First.Key, p => p.Second));

    // Spreads a total over the five criteria without any zero (totals from 5 to 100).
    private static ScoreSheet SheetTotalling(string reviewer, int total)
    {
        var points = Criteria.Select(_ => 1).ToArray();
        var left = total - points.Length;
        for (var i = 0; i < points.Length; i++)
        {
            var add = Math.Min(left, Criteria[i].MaxPoints - 1);
            points[i] += add;
            left -= add;
        }

        return Sheet(reviewer, points);
    }

    private static ScoreSheet[] Sheets(params int[] totals) =>
        totals.Select((t, i) => SheetTotalling($"r{i + 1}", t)).ToArray();

    private static ConsolidationResult Scored(params int[] totals) => Consolidation.Consolidate(Council(), Sheets(totals));

    [Fact]
    public void Should_total_the_plain_sum_when_the_maximum_points_sum_to_100()
    {
        var result = Consolidation.Consolidate(Council(), [Sheet("r1", 12, 16, 20, 15, 15)]);

        Assert.Equal(78m, Assert.Single(result.Sheets).Total);
    }

    [Fact]
    public void Should_scale_to_100_points_when_the_maximum_points_sum_to_something_else()
    {
        var rubric = new Rubric(50, [new("team", new("Nhóm"), 10), new("market", new("Thị trường"), 10), new("product", new("Sản phẩm"), 10)]);
        var sheet = new ScoreSheet("r1", new Dictionary<string, int> { ["team"] = 7, ["market"] = 7, ["product"] = 6 });

        var total = Assert.Single(Consolidation.Consolidate(rubric, [sheet]).Sheets);

        Assert.Equal(200m / 3, total.Total);
        Assert.Equal(66.67m, total.DisplayTotal);
    }

    [Fact]
    public void Should_set_aside_the_far_sheet_and_pass_on_the_others_when_three_reviewers_score_80_78_and_50()
    {
        var result = Consolidation.Consolidate(Council(), Sheets(80, 78, 50));

        Assert.Equal([false, false, true], result.Sheets.Select(s => s.SetAside));
        Assert.Equal(79m, result.Mean);
        Assert.Equal(ConsolidationOutcome.Passed, result.Outcome);
        Assert.True(result.Passed);
    }

    [Fact]
    public void Should_keep_every_sheet_and_fail_when_the_outlier_rule_is_off()
    {
        var result = Consolidation.Consolidate(Council(ConsolidationRules.Default with { OutlierShare = null }), Sheets(80, 78, 50));

        Assert.DoesNotContain(result.Sheets, s => s.SetAside);
        Assert.Equal(208m / 3, result.Mean);
        Assert.Equal(69.33m, result.DisplayMean);
        Assert.Equal(ConsolidationOutcome.BelowPassMark, result.Outcome);
        Assert.False(result.Passed);
    }

    [Theory]
    [InlineData(80, 85, 60, false)] // mean 75: 60 is exactly 15 (20%) below it
    [InlineData(65, 70, 90, false)] // mean 75: 90 is exactly 15 (20%) above it
    [InlineData(80, 85, 59, true)] // mean 74.67: 59 is 15.67 below it, more than 14.93
    public void Should_set_aside_only_sheets_strictly_more_than_20_percent_from_the_mean_when_one_sits_on_the_boundary(
        int first, int second, int third, bool thirdSetAside)
    {
        var result = Consolidation.Consolidate(Council(), Sheets(first, second, third));

        Assert.Equal([false, false, thirdSetAside], result.Sheets.Select(s => s.SetAside));
    }

    [Fact]
    public void Should_keep_both_sheets_when_only_two_reviewers_score()
    {
        // Both are 20 from their mean of 70, more than 14: the rule cannot tell which one is off.
        var result = Consolidation.Consolidate(Council(), Sheets(90, 50));

        Assert.DoesNotContain(result.Sheets, s => s.SetAside);
        Assert.Equal(70m, result.Mean);
        Assert.True(result.Passed);
    }

    [Fact]
    public void Should_set_nothing_aside_when_every_total_is_zero()
    {
        var rubric = Council(ConsolidationRules.Default with { ZeroVetoShare = null });

        var result = Consolidation.Consolidate(rubric, [Sheet("r1", 0, 0, 0, 0, 0), Sheet("r2", 0, 0, 0, 0, 0), Sheet("r3", 0, 0, 0, 0, 0)]);

        Assert.DoesNotContain(result.Sheets, s => s.SetAside);
        Assert.Equal(0m, result.Mean);
        Assert.Equal(ConsolidationOutcome.BelowPassMark, result.Outcome);
    }

    [Fact]
    public void Should_report_every_sheet_set_aside_when_the_council_splits_into_two_far_camps()
    {
        // Mean 60: every sheet is 30 away, more than 12.
        var result = Consolidation.Consolidate(Council(), Sheets(30, 30, 90, 90));

        Assert.All(result.Sheets, s => Assert.True(s.SetAside));
        Assert.Null(result.Mean);
        Assert.Equal(ConsolidationOutcome.AllSetAside, result.Outcome);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Should_fail_on_the_criterion_when_more_than_a_quarter_of_reviewers_gave_it_zero()
    {
        // Two of five (40%) gave 0 on feasibility, although every total is well above the pass mark.
        var sheets = new[]
        {
            Sheet("r1", 14, 18, 22, 18, 18),
            Sheet("r2", 13, 18, 22, 0, 19),
            Sheet("r3", 15, 19, 23, 17, 18),
            Sheet("r4", 14, 17, 24, 0, 18),
            Sheet("r5", 14, 18, 21, 16, 17),
        };

        var result = Consolidation.Consolidate(Council(), sheets);

        Assert.Equal(ConsolidationOutcome.ZeroVeto, result.Outcome);
        Assert.Equal("feasibility", result.FailedCriterion);
        Assert.False(result.Passed);
        Assert.NotNull(result.Mean);
    }

    [Fact]
    public void Should_pass_when_exactly_a_quarter_of_reviewers_gave_zero_on_a_criterion()
    {
        var sheets = new[]
        {
            Sheet("r1", 14, 18, 22, 18, 18),
            Sheet("r2", 13, 18, 22, 0, 19),
            Sheet("r3", 15, 19, 23, 17, 18),
            Sheet("r4", 14, 17, 24, 15, 18),
        };

        var result = Consolidation.Consolidate(Council(), sheets);

        Assert.Equal(ConsolidationOutcome.Passed, result.Outcome);
        Assert.Null(result.FailedCriterion);
    }

    [Fact]
    public void Should_pass_despite_zeros_when_the_zero_veto_is_off()
    {
        var sheets = new[]
        {
            Sheet("r1", 14, 18, 22, 18, 18),
            Sheet("r2", 13, 18, 22, 0, 19),
            Sheet("r3", 15, 19, 23, 17, 18),
        };

        var result = Consolidation.Consolidate(Council(ConsolidationRules.Default with { ZeroVetoShare = null }), sheets);

        Assert.Equal(ConsolidationOutcome.Passed, result.Outcome);
    }

    [Fact]
    public void Should_count_zeros_on_set_aside_sheets_when_applying_the_zero_veto()
    {
        // Mean 76: r5's 45 is set aside. Counted over kept sheets the zeros would be 1 of 4 (no veto);
        // over all sheets they are 2 of 5.
        var sheets = new[]
        {
            Sheet("r1", 15, 18, 22, 15, 15),
            Sheet("r2", 14, 18, 22, 15, 15),
            Sheet("r3", 15, 18, 23, 15, 15),
            Sheet("r4", 15, 20, 25, 0, 20),
            Sheet("r5", 10, 10, 15, 0, 10),
        };

        var result = Consolidation.Consolidate(Council(), sheets);

        Assert.Equal([false, false, false, false, true], result.Sheets.Select(s => s.SetAside));
        Assert.Equal(ConsolidationOutcome.ZeroVeto, result.Outcome);
        Assert.Equal("feasibility", result.FailedCriterion);
    }

    [Theory]
    [InlineData(72, 68, 70, ConsolidationOutcome.Passed)]
    [InlineData(72, 68, 69, ConsolidationOutcome.BelowPassMark)]
    public void Should_pass_when_the_mean_reaches_the_pass_mark_exactly(int first, int second, int third, ConsolidationOutcome outcome)
    {
        Assert.Equal(outcome, Consolidation.Consolidate(Council(), Sheets(first, second, third)).Outcome);
    }

    [Fact]
    public void Should_pass_when_totals_in_thirds_average_exactly_to_the_pass_mark()
    {
        // 30-point rubric: 25, 19 and 19 points are 83.33…, 63.33… and 63.33…, whose mean is exactly 70.
        // Averaging the 28-digit totals instead of the points would land a hair below 70.
        var rubric = new Rubric(70, [new("team", new("Nhóm"), 10), new("market", new("Thị trường"), 10), new("product", new("Sản phẩm"), 10)]);
        ScoreSheet Points(string reviewer, int team, int market, int product) =>
            new(reviewer, new Dictionary<string, int> { ["team"] = team, ["market"] = market, ["product"] = product });

        var result = Consolidation.Consolidate(rubric, [Points("r1", 9, 8, 8), Points("r2", 7, 6, 6), Points("r3", 6, 7, 6)]);

        Assert.Equal(70m, result.Mean);
        Assert.Equal(ConsolidationOutcome.Passed, result.Outcome);
    }

    [Fact]
    public void Should_judge_the_exact_mean_when_the_displayed_mean_rounds_up_to_the_pass_mark()
    {
        // Eight reviewers, 501 points: the exact mean is 62.625, shown as 62.63 (halves away from zero).
        var result = Consolidation.Consolidate(Council(passMark: 62.63m), Sheets(63, 63, 63, 63, 63, 62, 62, 62));

        Assert.Equal(62.625m, result.Mean);
        Assert.Equal(62.63m, result.DisplayMean);
        Assert.Equal(ConsolidationOutcome.BelowPassMark, result.Outcome);
    }

    [Fact]
    public void Should_report_no_sheets_when_nobody_has_scored()
    {
        var result = Consolidation.Consolidate(Council(), []);

        Assert.Equal(ConsolidationOutcome.NoSheets, result.Outcome);
        Assert.Null(result.Mean);
        Assert.Empty(result.Sheets);
    }

    [Fact]
    public void Should_refuse_to_consolidate_when_a_sheet_misses_a_criterion()
    {
        var incomplete = new ScoreSheet("r2", new Dictionary<string, int> { ["urgency"] = 10 });

        var error = Assert.Throws<ArgumentException>(() => Consolidation.Consolidate(Council(), [Sheet("r1", 12, 16, 20, 15, 15), incomplete]));

        Assert.Contains("reviewer 'r2', scores.objectives: A score is required.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_to_consolidate_when_a_reviewer_has_two_sheets()
    {
        var error = Assert.Throws<ArgumentException>(() => Consolidation.Consolidate(Council(), Sheets(80, 78).Append(SheetTotalling("r1", 75)).ToList()));

        Assert.Contains("reviewer 'r1' has more than one sheet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_to_consolidate_when_the_rubric_is_invalid()
    {
        Assert.Throws<ArgumentException>(() => Consolidation.Consolidate(new Rubric(70, []), []));
    }

    [Fact]
    public void Should_rank_passing_applications_by_mean_and_leave_out_the_others()
    {
        var ranked = Consolidation.Rank(
        [
            ("seventy-five", Scored(75, 75, 75), 400_000_000L, Monday),
            ("failed", Scored(60, 60, 60), 100_000_000L, Monday),
            ("ninety", Scored(90, 90, 90), 900_000_000L, Monday.AddDays(1)),
            ("vetoed", Consolidation.Consolidate(Council(), [Sheet("r1", 15, 20, 25, 0, 20), Sheet("r2", 15, 20, 25, 20, 20)]), 1L, Monday),
            ("eighty", Scored(80, 81, 79), 500_000_000L, Monday),
        ], ConsolidationRules.Default);

        Assert.Equal(["ninety", "eighty", "seventy-five"], ranked);
    }

    [Fact]
    public void Should_rank_the_smaller_requested_amount_first_when_means_tie()
    {
        var ranked = Consolidation.Rank(
        [
            ("larger-earlier", Scored(80, 80, 80), 800_000_000L, Monday),
            ("smaller-later", Scored(80, 80, 80), 300_000_000L, Monday.AddDays(3)),
        ], ConsolidationRules.Default);

        Assert.Equal(["smaller-later", "larger-earlier"], ranked);
    }

    [Fact]
    public void Should_rank_the_earlier_submission_first_when_means_tie_and_the_amount_tie_break_is_off()
    {
        var ranked = Consolidation.Rank(
        [
            ("smaller-later", Scored(80, 80, 80), 300_000_000L, Monday.AddDays(3)),
            ("larger-earlier", Scored(80, 80, 80), 800_000_000L, Monday),
        ], ConsolidationRules.Default with { TieBreakBySmallerAmount = false });

        Assert.Equal(["larger-earlier", "smaller-later"], ranked);
    }

    [Fact]
    public void Should_rank_the_earlier_submission_first_when_means_and_amounts_tie()
    {
        var ranked = Consolidation.Rank(
        [
            ("later", Scored(80, 80, 80), 500_000_000L, Monday.AddHours(5)),
            ("earlier", Scored(80, 80, 80), 500_000_000L, Monday),
        ], ConsolidationRules.Default);

        Assert.Equal(["earlier", "later"], ranked);
    }

    [Fact]
    public void Should_treat_equal_means_as_a_tie_when_they_come_from_different_numbers_of_sheets_and_scales()
    {
        // 241/3 three ways: 3 sheets, 6 sheets, and 3 sheets on a 300-point rubric.
        var wide = new Rubric(70, [new("a", new("A"), 100), new("b", new("B"), 100), new("c", new("C"), 100)]);
        ScoreSheet Wide(string reviewer, int a) => new(reviewer, new Dictionary<string, int> { ["a"] = a, ["b"] = 70, ["c"] = 100 });
        var onWideScale = Consolidation.Consolidate(wide, [Wide("r1", 70), Wide("r2", 71), Wide("r3", 72)]);

        var ranked = Consolidation.Rank(
        [
            ("three-sheets", Scored(80, 80, 81), 700_000_000L, Monday),
            ("six-sheets", Scored(80, 80, 81, 80, 80, 81), 500_000_000L, Monday),
            ("wide-scale", onWideScale, 600_000_000L, Monday),
        ], ConsolidationRules.Default);

        Assert.Equal(["six-sheets", "wide-scale", "three-sheets"], ranked);
    }

    [Fact]
    public void Should_find_no_error_when_the_rubric_is_valid()
    {
        Assert.Empty(Council().Validate());
        Assert.Empty(new Rubric(0, Criteria, new ConsolidationRules(0, 1, false)).Validate());
        Assert.Empty(new Rubric(100, Criteria, new ConsolidationRules(1, 0, true)).Validate());
        Assert.Empty(new Rubric(100, Criteria, new ConsolidationRules(null, null, true)).Validate());
    }

    [Fact]
    public void Should_require_a_criterion_when_the_rubric_has_none()
    {
        var error = Assert.Single(new Rubric(70, []).Validate());

        Assert.Equal("rubric.criteria: At least one criterion is required.", error.ToString());
    }

    [Fact]
    public void Should_point_at_each_bad_field_when_the_rubric_is_invalid()
    {
        var rubric = new Rubric(
            101,
            [
                new("novelty", new("Tính mới"), 30),
                new("impact", new("Hiệu quả"), 0),
                new("novelty", new(" "), 30),
                new(" ", new("Khác"), 40),
            ],
            new ConsolidationRules(1.5m, -0.1m, true));

        var errors = rubric.Validate().Select(e => e.ToString());

        Assert.Equal(
        [
            "rubric.passMark: The pass mark must be between 0 and 100, not 101.",
            "rubric.criteria[1].maxPoints: The maximum points must be at least 1, not 0.",
            "rubric.criteria[2].key: The key \"novelty\" is already used by rubric.criteria[0].",
            "rubric.criteria[2].label.vi: A Vietnamese label is required.",
            "rubric.criteria[3].key: A key is required.",
            "rubric.rules.outlierShare: The share must be between 0 and 1, not 1.5.",
            "rubric.rules.zeroVetoShare: The share must be between 0 and 1, not -0.1.",
        ], errors);
    }

    [Theory]
    [InlineData("Novelty")]
    [InlineData("tinh moi")]
    [InlineData("tính-mới")]
    [InlineData("-novelty")]
    [InlineData("novelty-")]
    [InlineData("market--fit")]
    [InlineData("novelty\n")]
    public void Should_reject_the_key_when_it_is_not_lower_case_letters_digits_and_single_dashes(string key)
    {
        var error = Assert.Single(new Rubric(70, [new(key, new("Tính mới"), 100)]).Validate());

        Assert.Equal("rubric.criteria[0].key", error.Path);
        Assert.Equal(key, Assert.Single(error.Arguments));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.01)]
    public void Should_reject_the_pass_mark_when_it_is_outside_0_to_100(double passMark)
    {
        var error = Assert.Single(Council(passMark: (decimal)passMark).Validate());

        Assert.Equal("rubric.passMark", error.Path);
    }

    [Fact]
    public void Should_find_no_error_when_the_sheet_scores_every_criterion_within_its_range()
    {
        Assert.Empty(Consolidation.ValidateSheet(Council(), Sheet("r1", 0, 20, 25, 0, 20).Points));
    }

    [Fact]
    public void Should_key_each_error_by_criterion_when_the_sheet_is_invalid()
    {
        var points = new Dictionary<string, int>
        {
            ["zeal"] = 5,
            ["urgency"] = 16,
            ["objectives"] = -1,
            ["methods"] = 25,
            ["Impact"] = 20,
            ["feasibility"] = 20,
        };

        var errors = Consolidation.ValidateSheet(Council(), points).Select(e => e.ToString());

        Assert.Equal(
        [
            "scores.urgency: The score must be a whole number from 0 to 15, not 16.",
            "scores.objectives: The score must be a whole number from 0 to 20, not -1.",
            "scores.impact: A score is required.",
            "scores.Impact: \"Impact\" is not a criterion of this rubric.",
            "scores.zeal: \"zeal\" is not a criterion of this rubric.",
        ], errors);
    }
}
