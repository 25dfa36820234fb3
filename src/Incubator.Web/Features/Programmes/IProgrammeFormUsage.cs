namespace Incubator.Web.Features.Programmes;

/// <summary>
/// Says how many applications a programme's form is in use by, so the builder can tell staff before they save a
/// changed form what it affects. Applications implement it; programmes know nothing of applications.
/// </summary>
internal interface IProgrammeFormUsage
{
    Task<ProgrammeFormUse> CountAsync(string programmeId, CancellationToken cancellationToken = default);
}
