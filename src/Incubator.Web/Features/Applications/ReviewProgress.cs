namespace Incubator.Web.Features.Applications;

/// <summary>
/// An application's reviewers as the queue shows them: how many are assigned, how many submitted their sheet, and the
/// council's exact mean over the sheets counted (null before any sheet counts).
/// </summary>
internal sealed record ReviewProgress(int Assigned, int Submitted, decimal? Mean);
