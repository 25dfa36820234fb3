namespace Incubator.Web.Features.Targets;

/// <summary>How many targets are met, on track, behind and not yet measurable: the targets page's and the home page's summary.</summary>
internal sealed record TargetSummary(int Met, int OnTrack, int Behind, int Unknown)
{
    public int Total => Met + OnTrack + Behind + Unknown;

    public static TargetSummary Of(IEnumerable<TargetStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var states = statuses.Select(s => s.State).ToList();
        return new TargetSummary(
            states.Count(s => s == TargetState.Met),
            states.Count(s => s == TargetState.OnTrack),
            states.Count(s => s == TargetState.Behind),
            states.Count(s => s == TargetState.Unknown));
    }
}
