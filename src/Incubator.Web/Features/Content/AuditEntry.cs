using Incubator.Core.Content;

namespace Incubator.Web.Features.Content;

/// <summary>One line of the audit: who did what to which content item, and when.</summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }
    public string ContentType { get; set; } = string.Empty;
    public string ContentItemId { get; set; } = string.Empty;
    public int Version { get; set; }
    public ContentAction Action { get; set; }
    public string? UserId { get; set; }
    public DateTime AtUtc { get; set; }
    public string? Comment { get; set; }
}

/// <summary>Writes an audit row after every lifecycle event, in the same unit of work as the change.</summary>
internal sealed class AuditContentHandler(Data.IncubatorDbContext db, TimeProvider clock) : IContentHandler
{
    public Task HandleAsync(ContentEvent contentEvent, CancellationToken cancellationToken)
    {
        if (contentEvent.Stage == ContentStage.After)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                ContentType = contentEvent.Item.ContentType,
                ContentItemId = contentEvent.Item.ContentItemId,
                Version = contentEvent.Item.Version,
                Action = contentEvent.Action,
                UserId = contentEvent.UserId,
                AtUtc = clock.GetUtcNow().UtcDateTime,
                Comment = contentEvent.Comment,
            });
        }

        return Task.CompletedTask;
    }
}
