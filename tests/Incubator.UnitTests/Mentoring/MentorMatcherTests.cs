using System.Diagnostics;
using Incubator.Web.Features.Mentoring;

namespace Incubator.UnitTests.Mentoring;

public sealed class MentorMatcherTests
{
    private static readonly MatchStartup Farm = new(["agri-hitech", "ocop"], "mvp", "cao-bang.hoa-an", ["so-huu-tri-tue", "goi-von"]);

    private static MatchCandidate Mentor(
        string id,
        string[]? expertise = null,
        string[]? sectors = null,
        string[]? stages = null,
        string? locality = null,
        int hours = 6,
        int used = 0,
        bool linked = false,
        bool open = false) =>
        new(id, "Mentor " + id, expertise ?? [], sectors ?? [], stages ?? [], locality, hours, used, linked, open);

    [Fact]
    public void Should_score_each_reason_and_write_them_in_order()
    {
        var all = Mentor("a", expertise: ["so-huu-tri-tue", "phap-ly"], sectors: ["agri-hitech"], stages: ["mvp"], locality: "cao-bang.thuc-phan", hours: 8, used: 2);

        var suggestion = Assert.Single(MentorMatcher.Rank(Farm, [all]));

        Assert.Equal(MentorMatcher.SectorPoints + MentorMatcher.NeedPoints + MentorMatcher.StagePoints + MentorMatcher.ProvincePoints + 6, suggestion.Score);
        Assert.Equal(
            [
                new MatchReason(MatchReasonKind.Sector, "agri-hitech"),
                new MatchReason(MatchReasonKind.Expertise, "so-huu-tri-tue"),
                new MatchReason(MatchReasonKind.Stage, "mvp"),
                new MatchReason(MatchReasonKind.Province, "cao-bang"),
                new MatchReason(MatchReasonKind.HoursLeft, Hours: 6),
            ],
            suggestion.Reasons);
    }

    [Fact]
    public void Should_rank_a_mentor_covering_a_need_above_one_sharing_a_sector()
    {
        var ranked = MentorMatcher.Rank(Farm, [Mentor("sector", sectors: ["ocop"]), Mentor("need", expertise: ["goi-von"]), Mentor("none")]);

        Assert.Equal(["need", "sector", "none"], ranked.Select(s => s.MentorId));
    }

    [Fact]
    public void Should_break_ties_by_hours_left_then_name()
    {
        var ranked = MentorMatcher.Rank(Farm, [Mentor("b", hours: 20), Mentor("c", hours: 30), Mentor("a", hours: 20)]);

        // 20 and 30 hours both earn the ten hour points; the one with more hours left comes first, then by name.
        Assert.Equal(["c", "a", "b"], ranked.Select(s => s.MentorId));
    }

    [Fact]
    public void Should_never_suggest_a_linked_mentor_one_without_hours_or_one_already_matched()
    {
        var ranked = MentorMatcher.Rank(Farm,
        [
            Mentor("linked", expertise: ["goi-von"], linked: true),
            Mentor("busy", expertise: ["goi-von"], hours: 6, used: 6),
            Mentor("overbooked", expertise: ["goi-von"], hours: 4, used: 9),
            Mentor("none-offered", expertise: ["goi-von"], hours: 0),
            Mentor("matched", expertise: ["goi-von"], open: true),
            Mentor("free"),
        ]);

        Assert.Equal(["free"], ranked.Select(s => s.MentorId));
    }

    [Fact]
    public void Should_not_count_a_different_province_or_a_missing_stage()
    {
        var startup = Farm with { Stage = null };
        var suggestion = Assert.Single(MentorMatcher.Rank(startup, [Mentor("a", stages: ["mvp"], locality: "thai-nguyen.quyet-thang")]));

        Assert.Equal([new MatchReason(MatchReasonKind.HoursLeft, Hours: 6)], suggestion.Reasons);
        Assert.Equal(6, suggestion.Score);
    }

    [Fact]
    public void Should_say_whether_the_startup_may_ask_the_mentor_itself()
    {
        var ranked = MentorMatcher.Rank(Farm, [Mentor("open"), Mentor("staff") with { AcceptsRequests = false }]);

        Assert.Equal([("open", true), ("staff", false)], ranked.Select(s => (s.MentorId, s.AcceptsRequests)));
    }

    [Theory]
    [InlineData("cao-bang.hoa-an", "cao-bang")]
    [InlineData("cao-bang", "cao-bang")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Should_read_the_province_of_a_locality(string? locality, string? province) =>
        Assert.Equal(province, MentorMatcher.Province(locality));

    [Fact]
    public void Should_keep_to_the_limit_and_rank_500_mentors_quickly()
    {
        var sectors = new[] { "agri-hitech", "ocop", "biotech", "health" };
        var needs = new[] { "so-huu-tri-tue", "goi-von", "phap-ly", "quan-tri" };
        var mentors = Enumerable.Range(0, 500).Select(i => Mentor(
            $"m{i:D3}", expertise: [needs[i % 4], needs[(i / 4) % 4]], sectors: [sectors[i % 4]], stages: [i % 3 == 0 ? "mvp" : "idea"],
            locality: i % 5 == 0 ? "cao-bang.x" : "thai-nguyen.y", hours: i % 10, used: i % 7, linked: i % 50 == 0)).ToList();
        MentorMatcher.Rank(Farm, mentors);

        var watch = Stopwatch.StartNew();
        var ranked = MentorMatcher.Rank(Farm, mentors, limit: 20);
        watch.Stop();

        Assert.Equal(20, ranked.Count);
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Score >= p.Second.Score), "not in score order");
        Assert.DoesNotContain(ranked, s => mentors.Single(m => m.MentorId == s.MentorId) is { Linked: true } or { HoursLeft: 0 });
        Assert.True(watch.ElapsedMilliseconds < 100, $"500 mentors took {watch.ElapsedMilliseconds} ms");
    }
}
