using System.Globalization;

namespace Incubator.Web.Features.Programmes;

/// <summary>
/// A problem with a rubric or a score sheet: a JSON-style path (<c>rubric.criteria[1].maxPoints</c>,
/// <c>scores.novelty</c>) and an English message that doubles as the localisation key, with its arguments.
/// </summary>
internal sealed record ScoringError(string Path, string Message, params object[] Arguments)
{
    public override string ToString() => $"{Path}: {string.Format(CultureInfo.InvariantCulture, Message, Arguments)}";
}
