namespace Incubator.Web.Features.Setup;

/// <summary>
/// Where the first start prints what only the operator who started it may read: the first administrator's generated
/// password. It is the process' console itself, not a logger, so the password reaches no log file, no JSON log
/// collector and no OpenTelemetry exporter. The tests put a writer of their own here to read it.
/// </summary>
internal sealed class SetupConsole
{
    public TextWriter Out { get; init; } = Console.Out;
}
