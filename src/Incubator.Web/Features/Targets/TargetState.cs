namespace Incubator.Web.Features.Targets;

/// <summary>Where a target stands, in the words the plans use: met (đạt), on track (đúng tiến độ) or behind (chậm tiến độ).</summary>
internal enum TargetState
{
    /// <summary>No value yet: a share of no rows, or a growth rate without two years of data.</summary>
    Unknown,
    Behind,
    OnTrack,
    Met,
}
