using System.Text.Json.Nodes;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Notifications;

/// <summary>A person's notifications: listed in their download, removed with their account.</summary>
internal sealed class NotificationPersonalData(IncubatorDbContext db) : IPersonalDataSource
{
    public string Name => "notifications";

    public async Task<JsonNode?> ExportAsync(User user, CancellationToken cancellationToken) =>
        PersonalDataExport.Serialize(await db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id).OrderBy(n => n.Id)
            .Select(n => new { n.Template, n.ItemId, n.ItemTitle, n.Link, n.CreatedUtc, n.ReadUtc }).ToListAsync(cancellationToken));

    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken) =>
        db.Notifications.RemoveRange(await db.Notifications.Where(n => n.UserId == erasure.User.Id).ToListAsync(cancellationToken));
}
