namespace Incubator.Web.Features.Mentoring;

/// <summary>What matching knows of a startup: taxonomy codes of its sectors, stage, locality and stated needs.</summary>
internal sealed record MatchStartup(IReadOnlyCollection<string> Sectors, string? Stage, string? Locality, IReadOnlyCollection<string> Needs);

/// <summary>
/// One mentor as matching sees them. <see cref="Linked"/>: the mentor's account is linked to the startup (the
/// reviewers' conflict rule); <see cref="HasOpenMatch"/>: a match with the startup is already requested or active.
/// </summary>
internal sealed record MatchCandidate(
    string MentorId,
    string Name,
    IReadOnlyCollection<string> Expertise,
    IReadOnlyCollection<string> Sectors,
    IReadOnlyCollection<string> Stages,
    string? Locality,
    int HoursPerMonth,
    int HoursUsed,
    bool Linked,
    bool HasOpenMatch,
    bool AcceptsRequests = true)
{
    public int HoursLeft => Math.Max(0, HoursPerMonth - HoursUsed);
}

internal enum MatchReasonKind
{
    /// <summary>A sector the startup and the mentor share (<see cref="MatchReason.Code"/> is the sector).</summary>
    Sector,

    /// <summary>A need of the startup the mentor's expertise covers (<see cref="MatchReason.Code"/> is the need).</summary>
    Expertise,

    /// <summary>The startup's stage is one the mentor likes.</summary>
    Stage,

    /// <summary>Same province (<see cref="MatchReason.Code"/> is the province's locality code).</summary>
    Province,

    /// <summary>Hours the mentor has left this month (<see cref="MatchReason.Hours"/>).</summary>
    HoursLeft,
}

internal sealed record MatchReason(MatchReasonKind Kind, string? Code = null, int Hours = 0);

/// <summary>A ranked mentor; <see cref="AcceptsRequests"/>: whether the startup may ask them itself (else staff arrange it).</summary>
internal sealed record MentorSuggestion(string MentorId, string Name, int Score, IReadOnlyList<MatchReason> Reasons, bool AcceptsRequests = true);

/// <summary>
/// Ranks mentors for a startup, each with the reasons of its score, so staff and startups see why a mentor comes
/// first. Never suggests a mentor linked to the startup, one with no hours left this month, or one already matched
/// (requested or active) with it. Pure and in memory, so a few hundred mentors rank in far less than the 100 ms allowed.
/// </summary>
internal static class MentorMatcher
{
    /// <summary>Points for each need the mentor's expertise covers: what the startup asked for weighs most.</summary>
    public const int NeedPoints = 40;

    /// <summary>Points for each shared sector.</summary>
    public const int SectorPoints = 30;

    public const int StagePoints = 20;

    public const int ProvincePoints = 10;

    /// <summary>Hours left count one point each, up to this many, so that a free mentor breaks ties.</summary>
    public const int MaxHourPoints = 10;

    public static IReadOnlyList<MentorSuggestion> Rank(MatchStartup startup, IEnumerable<MatchCandidate> candidates, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(startup);
        ArgumentNullException.ThrowIfNull(candidates);
        var needs = startup.Needs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var sectors = startup.Sectors.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var province = Province(startup.Locality);

        var ranked = new List<(MentorSuggestion Suggestion, int HoursLeft)>();
        foreach (var mentor in candidates)
        {
            if (mentor.Linked || mentor.HasOpenMatch || mentor.HoursLeft <= 0)
            {
                continue;
            }

            var reasons = new List<MatchReason>();
            var score = 0;
            foreach (var sector in sectors.Where(s => mentor.Sectors.Contains(s, StringComparer.Ordinal)))
            {
                score += SectorPoints;
                reasons.Add(new MatchReason(MatchReasonKind.Sector, sector));
            }

            foreach (var need in needs.Where(n => mentor.Expertise.Contains(n, StringComparer.Ordinal)))
            {
                score += NeedPoints;
                reasons.Add(new MatchReason(MatchReasonKind.Expertise, need));
            }

            if (startup.Stage is { Length: > 0 } stage && mentor.Stages.Contains(stage, StringComparer.Ordinal))
            {
                score += StagePoints;
                reasons.Add(new MatchReason(MatchReasonKind.Stage, stage));
            }

            if (province is not null && province == Province(mentor.Locality))
            {
                score += ProvincePoints;
                reasons.Add(new MatchReason(MatchReasonKind.Province, province));
            }

            score += Math.Min(mentor.HoursLeft, MaxHourPoints);
            reasons.Add(new MatchReason(MatchReasonKind.HoursLeft, Hours: mentor.HoursLeft));
            ranked.Add((new MentorSuggestion(mentor.MentorId, mentor.Name, score, reasons, mentor.AcceptsRequests), mentor.HoursLeft));
        }

        return [.. ranked
            .OrderByDescending(r => r.Suggestion.Score)
            .ThenByDescending(r => r.HoursLeft)
            .ThenBy(r => r.Suggestion.Name, StringComparer.Ordinal)
            .ThenBy(r => r.Suggestion.MentorId, StringComparer.Ordinal)
            .Take(Math.Max(0, limit))
            .Select(r => r.Suggestion)];
    }

    /// <summary>The province of a locality code: a commune's code is "province.commune".</summary>
    public static string? Province(string? locality)
    {
        if (string.IsNullOrEmpty(locality))
        {
            return null;
        }

        var dot = locality.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? locality : locality[..dot];
    }
}
