namespace Incubator.Web.Features.Account;

/// <summary>
/// An e-mail waiting to be delivered (or delivered); written in the same transaction as its cause. An instance that
/// delivers it first claims it (<see cref="ClaimedBy"/> until <see cref="ClaimedUntilUtc"/>), changing
/// <see cref="Version"/>, so two web instances never both send it.
/// </summary>
internal sealed class OutboxEmail
{
    public long Id { get; set; }
    public string To { get; set; } = string.Empty;
    public string Subject { get; set; } = string.Empty;
    public string HtmlBody { get; set; } = string.Empty;

    /// <summary>
    /// Extra header fields the message carries, one <c>Name: value</c> per line (e.g. a mailing's
    /// <c>List-Unsubscribe</c>); null for most e-mails. Only <see cref="OutboxHeaders.Allowed"/> names are written.
    /// </summary>
    public string? Headers { get; set; }

    /// <summary>
    /// An iCalendar file (an invitation, its cancellation) the e-mail carries as <c>invite.ics</c>, for the reader's
    /// calendar to add or remove the meeting; null for most e-mails. Written with <c>CalendarFile</c>.
    /// </summary>
    public string? Calendar { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>The web instance that last claimed the e-mail for delivery; null before any claim and once it is sent.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>
    /// Until when the claim holds: no other instance takes the e-mail before then. A claim left by an instance that
    /// stopped, or by a failed attempt, lapses at this time and the e-mail is tried again.
    /// </summary>
    public DateTime? ClaimedUntilUtc { get; set; }

    /// <summary>The concurrency token: every claim and every outcome of a claim changes it, and each checks it.</summary>
    public int Version { get; set; }
}

/// <summary>The extra header fields an outbox e-mail may carry, and their one-line-per-field form.</summary>
internal static class OutboxHeaders
{
    /// <summary>Names a feature may set: the sender writes no other, so a row can never forge From, To or the like.</summary>
    public static readonly IReadOnlyList<string> Allowed = ["List-Unsubscribe", "List-Unsubscribe-Post"];

    public static string Write(IEnumerable<KeyValuePair<string, string>> headers) =>
        string.Join('\n', headers.Select(h => $"{h.Key}: {h.Value.ReplaceLineEndings(" ")}"));

    public static IEnumerable<KeyValuePair<string, string>> Read(string? headers)
    {
        foreach (var line in (headers ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && Allowed.Contains(line[..colon], StringComparer.OrdinalIgnoreCase))
            {
                yield return new(line[..colon], line[(colon + 1)..].Trim());
            }
        }
    }
}
