namespace Incubator.Web.Features.Pipeline;

/// <summary>The label (an English key of vi.json) of each kind of directory entry the board filters by.</summary>
internal static class PipelineKinds
{
    public static string Label(string kind) => kind switch
    {
        Directory.Startup.TypeName => "Startup",
        Directory.Enterprise.TypeName => "S&T enterprise",
        Directory.Mentor.TypeName => "Mentor",
        Directory.Organisation.TypeName => "Organisation",
        _ => kind,
    };
}
