using Incubator.Core.Content;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;

namespace Incubator.Web.Features.Events;

/// <summary>Events as a content type; their times, audience and questions have their own editor.</summary>
internal static class EventContentTypes
{
    public static readonly ContentTypeDefinition<Event> Event = new(
        Events.Event.TypeName, "events", "Event", "Events",
        [
            ContentField.Text<Event>("Title", "Title", x => x.Title, (x, v) => x.Title = v ?? string.Empty, required: true, maxLength: Events.Event.MaxText),
        ])
    {
        GenericEditor = false,
        AdminListPage = "/Events/Admin/Index",
        PublicPath = slug => $"/events/{slug}",
    };
}

/// <summary>Gives a new event its seat counter in the same save, so registration only ever updates it.</summary>
internal sealed class EventSeatsOnCreate(IncubatorDbContext db) : IContentHandler
{
    public Task HandleAsync(ContentEvent contentEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contentEvent);
        if (contentEvent is { Action: ContentAction.Created, Stage: ContentStage.After, Item: Event item })
        {
            db.Add(new EventSeats { EventId = item.ContentItemId });
        }

        return Task.CompletedTask;
    }
}
