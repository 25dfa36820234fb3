using Incubator.Web.Data;
using Incubator.Web.Features.Organisations.Admin;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Pipeline.Admin;

/// <summary>One move in the section's history, its names already in the reader's language.</summary>
internal sealed record StageHistoryItem(DateTime AtUtc, string? From, string To, string? By, string? Note);

/// <summary>What the section shows: the stage, since when, the history (newest first), and the move form when the reader may move.</summary>
internal sealed record StageSectionModel(string? StageName, DateTime? SinceUtc, IReadOnlyList<StageHistoryItem> History, MoveForm? Form);

/// <summary>The organisation's pipeline stage on its back-office page: where it stands, since when, how it got there, and the form to move it.</summary>
internal sealed class StageSection(IncubatorDbContext db, TaxonomyService taxonomies) : IOrganisationPageSection
{
    /// <summary>The history shown on the page; the timeline holds every move.</summary>
    public const int HistoryShown = 20;

    public int Order => 20;

    public async Task<OrganisationPageSectionView?> BuildAsync(OrganisationPageContext page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var id = page.Organisation.ContentItemId;
        var english = TaxonomyService.English;
        var stages = await taxonomies.TermsAsync(TaxonomyTerm.Pipeline, cancellationToken);
        string Name(string code) => stages.FirstOrDefault(s => s.Code == code)?.Name(english) ?? code;

        var current = await db.Set<OrganisationStage>().AsNoTracking().FirstOrDefaultAsync(s => s.OrganisationId == id, cancellationToken);
        var moves = await db.Set<PipelineMove>().AsNoTracking().Where(m => m.OrganisationId == id)
            .OrderByDescending(m => m.AtUtc).ThenByDescending(m => m.Id).Take(HistoryShown).ToListAsync(cancellationToken);
        var names = await PipelineUsers.NamesAsync(db, moves.Select(m => m.ByUserId), cancellationToken);
        var history = moves.Select(m => new StageHistoryItem(
            m.AtUtc, m.FromStage is null ? null : Name(m.FromStage), Name(m.Stage), m.ByUserId is null ? null : names.GetValueOrDefault(m.ByUserId), m.Note)).ToList();
        var form = page.MayAct && stages.Count > 0
            ? new MoveForm(id, page.Organisation.Title, current?.Stage, current?.RowVersion ?? 0, stages, PipelineLinks.Organisation(id), WithNote: true)
            : null;
        return new OrganisationPageSectionView("/Features/Pipeline/Admin/_StageSection.cshtml",
            new StageSectionModel(current is null ? null : Name(current.Stage), current?.SinceUtc, history, form));
    }
}
