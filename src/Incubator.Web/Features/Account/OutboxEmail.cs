namespace Incubator.Web.Features.Account;

/// <summary>An e-mail waiting to be delivered (or delivered); written in the same transaction as its cause.</summary>
public sealed class OutboxEmail
{
    public long Id { get; set; }
    public string To { get; set; } = string.Empty;
    public string Subject { get; set; } = string.Empty;
    public string HtmlBody { get; set; } = string.Empty;
    public DateTime CreatedUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
