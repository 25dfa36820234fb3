using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Programmes;

/// <summary>How saving a programme ended: the programme, or the problems keyed by JSON path (and nothing saved).</summary>
internal sealed record ProgrammeSaveResult(Programme? Programme, IReadOnlyDictionary<string, string> Errors, bool Changed)
{
    public bool Succeeded => Programme is not null;
}

/// <summary>Creates and changes programmes from their JSON definition, for the API, the recipe step and the back office.</summary>
internal sealed class ProgrammeService(IncubatorDbContext db, ContentManager content, TaxonomyService taxonomies)
{
    public Task<Programme?> PublishedAsync(string idOrKey, CancellationToken cancellationToken = default) =>
        db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => (p.ContentItemId == idOrKey || p.Slug == idOrKey) && p.Published && p.DeletedUtc == null, cancellationToken);

    public Task<Programme?> LatestAsync(string idOrKey, CancellationToken cancellationToken = default) =>
        db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => (p.ContentItemId == idOrKey || p.Slug == idOrKey) && p.Latest && p.DeletedUtc == null, cancellationToken);

    /// <summary>Published programmes with a round open at <paramref name="nowUtc"/>, soonest closing first.</summary>
    public async Task<List<(Programme Programme, ProgrammeRound Round)>> OpenAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var published = await db.Programmes.AsNoTracking().Where(p => p.Published && p.DeletedUtc == null).ToListAsync(cancellationToken);
        return [.. published.Select(p => (Programme: p, Round: p.OpenRound(nowUtc))).Where(x => x.Round is not null).Select(x => (x.Programme, x.Round!)).OrderBy(x => x.Item2.ClosesAt)];
    }

    /// <summary>Checks a definition against the site's taxonomies and workflow types; empty when it is valid.</summary>
    public async Task<Dictionary<string, string>> ValidateAsync(ProgrammeDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var isTerm = await taxonomies.ExistsAsync(cancellationToken);
        var workflows = await db.WorkflowTypes.AsNoTracking().Select(t => t.Key).Distinct().ToListAsync(cancellationToken);
        return definition.Validate(isTerm, workflows.Contains);
    }

    /// <summary>
    /// Creates the programme, or changes the one with this key (or id); published unless <paramref name="publish"/> is
    /// false. A definition equal to the latest version's changes nothing, so a recipe can run twice.
    /// </summary>
    public async Task<ProgrammeSaveResult> SaveAsync(ProgrammeDefinition definition, string? id, string? userId, bool publish = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = await ValidateAsync(definition, cancellationToken);
        var existing = id is null
            ? await LatestAsync(definition.Key ?? string.Empty, cancellationToken)
            : await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.ContentItemId == id && p.Latest && p.DeletedUtc == null, cancellationToken);
        if (id is not null && existing is null)
        {
            throw new Core.Content.ContentNotFoundException();
        }

        if (errors.Count == 0 && definition.Key is { } key
            && await db.Programmes.AnyAsync(p => p.Slug == key && p.DeletedUtc == null && (p.Latest || p.Published) && p.ContentItemId != (existing == null ? "" : existing.ContentItemId), cancellationToken))
        {
            errors["key"] = "Another programme already uses this key.";
        }

        if (errors.Count > 0)
        {
            return new ProgrammeSaveResult(null, errors, Changed: false);
        }

        if (existing is null)
        {
            var created = new Programme();
            definition.ApplyTo(created);
            // Features that keep something per programme (the applications' budget ledger) add it in the same save.
            await content.CreateAsync(created, userId, publish, cancellationToken);
            return new ProgrammeSaveResult(created, errors, Changed: true);
        }

        var same = ProgrammeDefinition.From(existing).ToJson() == definition.Canonical();
        if (same && (existing.Published || !publish))
        {
            return new ProgrammeSaveResult(existing, errors, Changed: false);
        }

        var draft = same ? existing : (Programme?)await content.UpdateAsync(ProgrammeContentTypes.Programme, existing.ContentItemId, item =>
        {
            definition.ApplyTo((Programme)item);
            return true;
        }, userId, cancellationToken);
        if (publish)
        {
            await content.PublishAsync(ProgrammeContentTypes.Programme, existing.ContentItemId, userId, cancellationToken: cancellationToken);
        }

        return new ProgrammeSaveResult(await LatestAsync(existing.ContentItemId, cancellationToken) ?? draft, errors, Changed: true);
    }
}
