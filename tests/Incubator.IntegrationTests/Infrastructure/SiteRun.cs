namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>What a run of the site's dll did: its exit code and what it wrote to each stream.</summary>
internal sealed record SiteRun(int ExitCode, string Output, string Errors);
