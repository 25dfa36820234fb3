namespace Incubator.Web.Features.Applications;

/// <summary>One line of the back office's queue, read in one query with the due time and the officer's name.</summary>
internal sealed class QueueRow
{
    public string Id { get; init; } = string.Empty;
    public string Title { get; init; } = string.Empty;
    public string ProgrammeId { get; init; } = string.Empty;
    public string RoundKey { get; init; } = string.Empty;
    public string Status { get; init; } = string.Empty;
    public long? RequestedAmount { get; init; }
    public DateTime? SubmittedUtc { get; init; }

    /// <summary>When it entered its current status (its submission for applications older than that record).</summary>
    public DateTime? StatusSinceUtc { get; init; }

    /// <summary>When the timer of the step it waits on fires (a reminder, a deadline); null when the step has none.</summary>
    public DateTime? DueUtc { get; init; }

    public string? AssigneeId { get; init; }
    public string? AssigneeName { get; init; }

    /// <summary>Filled after the page is read, from <see cref="IApplicationReviewProgress"/>; null when nobody is assigned.</summary>
    public ReviewProgress? Reviews { get; set; }
}
