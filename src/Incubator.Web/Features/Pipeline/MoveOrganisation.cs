using Incubator.Core.Results;
using Incubator.Core.Text;
using Incubator.Web.Data;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Pipeline;

/// <summary>
/// Moves an organisation (any directory entry, by its content item id) to a stage of the <c>pipeline</c> taxonomy, with
/// an optional note. <see cref="Version"/> is the organisation's stage version the mover saw (0 before its first move);
/// when given and another move came first, the move is refused rather than silently undoing the other.
/// </summary>
internal sealed record MoveOrganisationRequest(string OrganisationId, string? Stage, string? Note, int? Version = null);

/// <summary>Where the organisation now stands: its stage, the one it left (none on its first move), since when, its version.</summary>
internal sealed record OrganisationStageView(string OrganisationId, string Stage, string? FromStage, DateTime SinceUtc, int Version);

/// <summary>
/// The move itself: the history row (<see cref="PipelineMove"/>) and the current stage (<see cref="OrganisationStage"/>)
/// are written in one SaveChanges, so one transaction, guarded by the stage's version. Of two staff moving the same
/// organisation at once one wins; the other is told and nothing is half written.
/// </summary>
internal sealed class MoveOrganisation(IncubatorDbContext db, DirectoryEntries entries, TaxonomyService taxonomies, TimeProvider clock)
{
    public const int MaxNoteLength = 2000;

    public const string ConflictMessage = "Someone else moved this organisation at the same time; look at its stage again and try again.";

    public async Task<CommandResult<OrganisationStageView>> MoveAsync(MoveOrganisationRequest request, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await entries.FindAsync(request.OrganisationId, cancellationToken) is null)
        {
            return CommandResult.NotFound().As<OrganisationStageView>();
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var stage = request.Stage?.Trim();
        var terms = await taxonomies.TermsAsync(TaxonomyTerm.Pipeline, cancellationToken);
        if (string.IsNullOrEmpty(stage))
        {
            errors["stage"] = "Choose a stage.";
        }
        else if (!terms.Any(t => t.Code == stage))
        {
            errors["stage"] = "There is no such stage in the pipeline.";
        }

        var note = VietnameseText.ToNfc(request.Note?.Trim());
        if (note is { Length: > MaxNoteLength })
        {
            errors["note"] = FormattedMessage.Create("At most {0} characters.", MaxNoteLength);
        }

        var current = await db.Set<OrganisationStage>().FirstOrDefaultAsync(s => s.OrganisationId == request.OrganisationId, cancellationToken);
        if (request.Version is { } seen && seen != (current?.RowVersion ?? 0))
        {
            return CommandResult.Conflict(ConflictMessage).As<OrganisationStageView>();
        }

        if (errors.Count == 0 && current?.Stage == stage)
        {
            errors["stage"] = "The organisation is already in this stage.";
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<OrganisationStageView>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var from = current?.Stage;
        if (current is null)
        {
            current = new OrganisationStage { OrganisationId = request.OrganisationId, RowVersion = 1 };
            db.Add(current);
        }
        else
        {
            current.RowVersion++;
        }

        (current.Stage, current.SinceUtc) = (stage!, now);
        db.Add(new PipelineMove
        {
            OrganisationId = request.OrganisationId, FromStage = from, Stage = stage!, AtUtc = now, ByUserId = userId, Note = string.IsNullOrEmpty(note) ? null : note,
        });

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The stage's version changed under us (DbUpdateConcurrencyException), or a first move raced another
            // first move and the organisation's row exists now (its key): either way the other move won.
            db.ChangeTracker.Clear();
            return CommandResult.Conflict(ConflictMessage).As<OrganisationStageView>();
        }

        return CommandResult.Ok(new OrganisationStageView(current.OrganisationId, current.Stage, from, now, current.RowVersion));
    }
}
