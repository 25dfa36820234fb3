using Incubator.Core.Content;
using Incubator.Web.Data;
using Incubator.Web.Features.Programmes;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// Opens a programme's budget ledger when the programme is created, in the same save, so the first two approvals racing
/// update one row (one wins) rather than both inserting it. Applications plug into programmes here; programmes know
/// nothing of ledgers.
/// </summary>
internal sealed class ProgrammeLedgerOpening(IncubatorDbContext db) : IContentHandler
{
    public Task HandleAsync(ContentEvent contentEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contentEvent);
        if (contentEvent is { Action: ContentAction.Created, Stage: ContentStage.After, Item: Programme programme })
        {
            db.ProgrammeLedgers.Add(new ProgrammeLedger { ProgrammeId = programme.ContentItemId });
        }

        return Task.CompletedTask;
    }
}
