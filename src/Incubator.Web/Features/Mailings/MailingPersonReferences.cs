using Incubator.Web.Data;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mailings;

/// <summary>
/// A merge of two people moves the mailings' recipient rows of the merged record to the one kept, so the counts and
/// an unsubscribe from an older e-mail still find them. Meant for People's <c>IPersonReferences</c> extension point.
/// </summary>
internal sealed class MailingPersonReferences(IncubatorDbContext db) : IPersonReferences
{
    public Task RepointAsync(string fromPersonId, string toPersonId, CancellationToken cancellationToken) =>
        db.Set<MailingRecipient>().Where(r => r.PersonId == fromPersonId).ExecuteUpdateAsync(u => u.SetProperty(r => r.PersonId, toPersonId), cancellationToken);
}
