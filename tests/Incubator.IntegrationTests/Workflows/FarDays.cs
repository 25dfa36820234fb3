namespace Incubator.IntegrationTests.Workflows;

/// <summary>
/// Weeks far in the future that no recipe and no other test uses, so that tests on the shared site can add and
/// remove holidays without moving each other's working-day timers.
/// </summary>
internal static class FarDays
{
    private static readonly DateOnly FirstMonday = new(2090, 1, 2);
    private static int _weeks;

    /// <summary>The Monday of a week nobody else in this test run gets.</summary>
    public static DateOnly NextMonday() => FirstMonday.AddDays(7 * Interlocked.Increment(ref _weeks));
}
