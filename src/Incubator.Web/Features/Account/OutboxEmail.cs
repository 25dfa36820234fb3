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
