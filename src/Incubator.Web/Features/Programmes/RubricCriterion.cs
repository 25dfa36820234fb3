namespace Incubator.Web.Features.Programmes;

/// <summary>One criterion a reviewer scores from 0 to <see cref="MaxPoints"/>.</summary>
internal sealed record RubricCriterion(string Key, LocalizedText Label, int MaxPoints);
