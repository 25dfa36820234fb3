namespace Incubator.Web.Features.Programmes;

/// <summary>One criterion a reviewer scores from 0 to <see cref="MaxPoints"/>, with the guidance reviewers read before scoring.</summary>
internal sealed record RubricCriterion(string Key, LocalizedText Label, int MaxPoints, LocalizedText? Guidance = null);
