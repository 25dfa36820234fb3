using Incubator.Web.Data;
using Incubator.Web.Features.Pipeline;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mailings.Admin;

/// <summary>A programme a segment may name: its id and its title in the reader's language.</summary>
internal sealed record ProgrammeChoice(string Id, string Slug, string Title);

/// <summary>
/// What a segment's conditions choose from: the taxonomies' terms (as the pipeline board and directory filters read
/// them), the organisation kinds, the live programmes, and whether a cohort condition is registered on this site.
/// </summary>
internal sealed class SegmentChoices
{
    public IReadOnlyList<string> Kinds { get; private init; } = [];
    public IReadOnlyList<TaxonomyTerm> Sectors { get; private init; } = [];
    public IReadOnlyList<TaxonomyTerm> Localities { get; private init; } = [];
    public IReadOnlyList<TaxonomyTerm> Stages { get; private init; } = [];
    public IReadOnlyList<TaxonomyTerm> PipelineStages { get; private init; } = [];
    public IReadOnlyList<ProgrammeChoice> Programmes { get; private init; } = [];

    /// <summary>Whether a feature serves the cohort condition (<see cref="ISegmentCondition"/>); without one the field is left out.</summary>
    public bool Cohorts { get; private init; }

    public static async Task<SegmentChoices> LoadAsync(
        IncubatorDbContext db, TaxonomyService taxonomies, IEnumerable<ISegmentCondition> conditions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(taxonomies);
        var english = TaxonomyService.English;
        var programmes = await db.Programmes.AsNoTracking().Where(p => p.Latest && p.DeletedUtc == null)
            .OrderByDescending(p => p.CreatedUtc).ThenBy(p => p.ContentItemId).Take(200)
            .Select(p => new { p.ContentItemId, p.Slug, p.Title, p.NameEn }).ToListAsync(cancellationToken);
        return new SegmentChoices
        {
            Kinds = SegmentMembers.Kinds,
            Sectors = await taxonomies.TermsAsync(TaxonomyTerm.Sectors, cancellationToken),
            Localities = await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken),
            Stages = await taxonomies.TermsAsync(TaxonomyTerm.Stages, cancellationToken),
            PipelineStages = await taxonomies.TermsAsync(OrganisationStage.Taxonomy, cancellationToken),
            Programmes = [.. programmes.Select(p => new ProgrammeChoice(p.ContentItemId, p.Slug, english && !string.IsNullOrEmpty(p.NameEn) ? p.NameEn : p.Title))],
            Cohorts = conditions.Any(c => c.Name == "cohort"),
        };
    }

    /// <summary>The segment's conditions in words, one (condition, value) pair each, in the form's order.</summary>
    public IReadOnlyList<(string Condition, string Value)> Describe(SegmentFilter filter, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(localizer);
        var english = TaxonomyService.English;
        string Term(IReadOnlyList<TaxonomyTerm> terms, string code) => terms.FirstOrDefault(t => t.Code == code)?.Name(english) ?? code;
        var rows = new List<(string, string)>();
        if (filter.Kind is { } kind)
        {
            rows.Add((localizer["Kind"], localizer[PipelineKinds.Label(kind)]));
        }

        if (filter.Sectors is { } sectors)
        {
            rows.Add((localizer["Sectors (any of)"], string.Join(", ", sectors.Select(s => Term(Sectors, s)))));
        }

        if (filter.Locality is { } locality)
        {
            rows.Add((localizer["Locality (with its communes)"], Term(Localities, locality)));
        }

        if (filter.Stage is { } stage)
        {
            rows.Add((localizer["Startup stage"], Term(Stages, stage)));
        }

        if (filter.PipelineStage is { } pipeline)
        {
            rows.Add((localizer["Pipeline stage"], Term(PipelineStages, pipeline)));
        }

        if (filter.Programme is { } programme)
        {
            rows.Add((localizer["Applied to the programme"], Programmes.FirstOrDefault(p => p.Id == programme || p.Slug == programme)?.Title ?? programme));
        }

        if (filter.Cohort is { } cohort)
        {
            rows.Add((localizer["Cohort"], cohort));
        }

        if (filter.OrganisationIds is { } organisations)
        {
            rows.Add((localizer["Chosen organisations"], localizer["{0} organisations", organisations.Count]));
        }

        if (filter.Tags is { } tags)
        {
            rows.Add((localizer["Tags (any of)"], string.Join(", ", tags)));
        }

        if (filter.Consented is { } consented)
        {
            rows.Add((localizer["Newsletter consent"], localizer[consented ? "Consented" : "Not consented"]));
        }

        return rows;
    }
}
