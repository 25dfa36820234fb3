namespace Incubator.Web.Features.Programmes;

/// <summary>
/// A programme's applications as a change of its form touches them: <see cref="Submitted"/> keep the form they were
/// submitted under; <see cref="Drafts"/> are filled in on the form as it is saved.
/// </summary>
internal sealed record ProgrammeFormUse(int Submitted, int Drafts)
{
    public static ProgrammeFormUse None { get; } = new(0, 0);

    public bool Any => Submitted > 0 || Drafts > 0;
}
