namespace Incubator.Web.Features.Mentoring;

/// <summary>
/// The hours each mentor has already given (or has booked) in a month, which matching takes from the hours they
/// offer. The office-hours feature implements it from its bookings; until then no hour counts as used.
/// </summary>
internal interface IMentorHoursUsed
{
    /// <summary>Hours used by each of <paramref name="mentorIds"/> in the month starting at <paramref name="monthStartUtc"/>; a mentor left out used none.</summary>
    Task<IReadOnlyDictionary<string, int>> HoursUsedAsync(IReadOnlyCollection<string> mentorIds, DateTime monthStartUtc, CancellationToken cancellationToken);
}

internal sealed class NoMentorHoursUsed : IMentorHoursUsed
{
    private static readonly IReadOnlyDictionary<string, int> None = new Dictionary<string, int>();

    public Task<IReadOnlyDictionary<string, int>> HoursUsedAsync(IReadOnlyCollection<string> mentorIds, DateTime monthStartUtc, CancellationToken cancellationToken) =>
        Task.FromResult(None);
}
