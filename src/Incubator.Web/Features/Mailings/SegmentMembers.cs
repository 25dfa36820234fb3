using Incubator.Core.Content;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Pipeline;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mailings;

/// <summary>One member of a segment: a person, their first e-mail and the organisation that brought them in.</summary>
internal sealed record SegmentMember(string PersonId, string Name, string? Email, string? UserId, string? OrganisationId, string? Organisation);

/// <summary>
/// Computes a segment's members live, as one query over people, their links and the directory, and checks a filter
/// before it is saved. Every given condition must hold; a locality takes its descendants (<see cref="LocalityScope"/>).
/// </summary>
internal sealed class SegmentMembers(IncubatorDbContext db, TaxonomyService taxonomies, IEnumerable<ISegmentCondition> conditions)
{
    public const int MaxListed = 500;

    public static readonly IReadOnlyList<string> Kinds = [Startup.TypeName, Enterprise.TypeName, Mentor.TypeName, Organisation.TypeName];

    /// <summary>Field (camelCase, under <c>filter.</c>) → English message key, for every condition that names nothing.</summary>
    public async Task<Dictionary<string, string>> CheckAsync(SegmentFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (filter.Kind is { } kind && !Kinds.Contains(kind))
        {
            errors["filter.kind"] = "Kind must be startup, enterprise, mentor or organisation.";
        }

        var exists = await taxonomies.ExistsAsync(cancellationToken);
        if (filter.Sectors?.FirstOrDefault(s => !exists(TaxonomyTerm.Sectors, s)) is not null)
        {
            errors["filter.sectors"] = "Choose sectors from the list.";
        }

        if (filter.Locality is { } locality && !exists(TaxonomyTerm.Localities, locality))
        {
            errors["filter.locality"] = "Choose a locality from the list.";
        }

        if (filter.Stage is { } stage && !exists(TaxonomyTerm.Stages, stage))
        {
            errors["filter.stage"] = "Choose a stage from the list.";
        }

        if (filter.PipelineStage is { } pipeline && !exists(OrganisationStage.Taxonomy, pipeline))
        {
            errors["filter.pipelineStage"] = "Choose a pipeline stage from the list.";
        }

        if (filter.Programme is { } programme && await ProgrammeIdAsync(programme, cancellationToken) is null)
        {
            errors["filter.programme"] = "No such programme.";
        }

        if (filter.OrganisationIds is { Count: > MaxListed })
        {
            errors["filter.organisationIds"] = "At most 500 organisations.";
        }

        if (filter.Tags is { Count: > 50 })
        {
            errors["filter.tags"] = "At most 50 tags.";
        }

        if (filter.Cohort is { } cohort)
        {
            if (conditions.FirstOrDefault(c => c.Name == "cohort") is not { } condition)
            {
                errors["filter.cohort"] = "Cohorts are not available on this site yet.";
            }
            else if (await condition.CheckAsync(cohort, cancellationToken) is { } problem)
            {
                errors["filter.cohort"] = problem;
            }
        }

        return errors;
    }

    /// <summary>How many people the filter takes.</summary>
    public async Task<int> CountAsync(SegmentFilter filter, CancellationToken cancellationToken) =>
        await (await PeopleAsync(filter, cancellationToken)).CountAsync(cancellationToken);

    /// <summary>One page of members, by name.</summary>
    public async Task<(List<SegmentMember> Rows, int Total)> PageAsync(SegmentFilter filter, int page, int size, CancellationToken cancellationToken)
    {
        var people = await PeopleAsync(filter, cancellationToken);
        var total = await people.CountAsync(cancellationToken);
        var rows = await ProjectAsync(filter, people.OrderBy(p => p.FullName).ThenBy(p => p.Id).Skip((Math.Max(1, page) - 1) * size).Take(size), cancellationToken);
        return (rows, total);
    }

    /// <summary>Every member, by name (for the CSV and a send); <paramref name="consentedOnly"/> adds the consent condition.</summary>
    public async Task<List<SegmentMember>> AllAsync(SegmentFilter filter, bool consentedOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var people = await PeopleAsync(consentedOnly ? filter with { Consented = true } : filter, cancellationToken);
        if (consentedOnly && filter.Consented == false)
        {
            people = people.Where(_ => false);
        }

        return await ProjectAsync(filter, people.OrderBy(p => p.FullName).ThenBy(p => p.Id), cancellationToken);
    }

    /// <summary>The people whose newest newsletter consent is given, as a query to embed.</summary>
    public static IQueryable<Person> Consenting(IncubatorDbContext db, IQueryable<Person> people, bool given) =>
        people.Where(p => (db.Set<PersonConsent>().Where(c => c.PersonId == p.Id && c.Purpose == PersonConsent.Newsletter)
            .OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Select(c => (bool?)c.Given).FirstOrDefault() ?? false) == given);

    private async Task<IQueryable<Person>> PeopleAsync(SegmentFilter filter, CancellationToken cancellationToken)
    {
        var people = db.Set<Person>().AsNoTracking().Where(p => p.MergedIntoId == null);
        if (filter.Tags is { } tags)
        {
            people = people.Where(p => p.Tags.Any(t => tags.Contains(t)));
        }

        if (filter.Consented is { } given)
        {
            people = Consenting(db, people, given);
        }

        if (await OrganisationsAsync(filter, cancellationToken) is { } organisations)
        {
            people = people.Where(p => db.Set<PersonLink>().Any(l => l.PersonId == p.Id && organisations.Contains(l.OrganisationId)));
        }

        return people;
    }

    /// <summary>The ids of the organisations the filter picks; null when it names no organisation condition.</summary>
    private async Task<IQueryable<string>?> OrganisationsAsync(SegmentFilter filter, CancellationToken cancellationToken)
    {
        if (!filter.NamesOrganisations)
        {
            return null;
        }

        IReadOnlyList<string>? localities = filter.Locality is { } locality ? (await taxonomies.LocalitiesAsync(cancellationToken)).Within(locality) : null;
        IQueryable<string>? ids = null;
        foreach (var kind in Kinds)
        {
            if ((filter.Kind is not null && filter.Kind != kind) || (filter.Stage is not null && kind != Startup.TypeName))
            {
                continue;
            }

            var these = kind switch
            {
                Startup.TypeName => Profiles(db.Startups.Where(s => filter.Stage == null || s.Stage == filter.Stage), filter.Sectors, localities),
                Enterprise.TypeName => Profiles(db.Enterprises, filter.Sectors, localities),
                Mentor.TypeName => Profiles(db.Mentors, filter.Sectors, localities),
                _ => Profiles(db.Organisations, filter.Sectors, localities),
            };
            ids = ids is null ? these : ids.Concat(these);
        }

        ids ??= db.Startups.Where(_ => false).Select(s => s.ContentItemId);
        if (filter.PipelineStage is { } stage)
        {
            ids = ids.Where(id => db.Set<OrganisationStage>().Any(s => s.OrganisationId == id && s.Stage == stage));
        }

        if (filter.Programme is { } programme)
        {
            var programmeId = await ProgrammeIdAsync(programme, cancellationToken) ?? string.Empty;
            ids = ids.Where(id => db.Set<SupportApplication>().Any(a => a.OrganisationId == id && a.ProgrammeId == programmeId));
        }

        if (filter.OrganisationIds is { } listed)
        {
            ids = ids.Where(id => listed.Contains(id));
        }

        if (filter.Cohort is { } cohort && conditions.FirstOrDefault(c => c.Name == "cohort") is { } condition)
        {
            var inCohort = condition.Organisations(db, cohort);
            ids = ids.Where(id => inCohort.Contains(id));
        }

        return ids;
    }

    private static IQueryable<string> Profiles<T>(IQueryable<T> profiles, List<string>? sectors, IReadOnlyList<string>? localities)
        where T : DirectoryProfile
    {
        profiles = profiles.Where(p => p.Latest && p.DeletedUtc == null);
        if (sectors is not null)
        {
            profiles = profiles.Where(p => p.Sectors.Any(s => sectors.Contains(s)));
        }

        if (localities is not null)
        {
            profiles = profiles.Where(p => p.Locality != null && localities.Contains(p.Locality));
        }

        return profiles.Select(p => p.ContentItemId);
    }

    /// <summary>A programme named by its id or its slug.</summary>
    private async Task<string?> ProgrammeIdAsync(string programme, CancellationToken cancellationToken) =>
        await db.Set<Programme>().AsNoTracking().Where(p => p.Latest && p.DeletedUtc == null && (p.ContentItemId == programme || p.Slug == programme))
            .Select(p => p.ContentItemId).FirstOrDefaultAsync(cancellationToken);

    private async Task<List<SegmentMember>> ProjectAsync(SegmentFilter filter, IQueryable<Person> people, CancellationToken cancellationToken)
    {
        var organisations = await OrganisationsAsync(filter, cancellationToken);
        var links = db.Set<PersonLink>().AsQueryable();
        if (organisations is not null)
        {
            links = links.Where(l => organisations.Contains(l.OrganisationId));
        }

        var rows = await people.Select(p => new
        {
            p.Id,
            p.FullName,
            p.UserId,
            Email = db.Set<PersonContact>().Where(c => c.PersonId == p.Id && c.Kind == PersonContactKind.Email).OrderBy(c => c.Id).Select(c => c.Value).FirstOrDefault(),
            OrganisationId = links.Where(l => l.PersonId == p.Id).OrderBy(l => l.Id).Select(l => l.OrganisationId).FirstOrDefault(),
        }).ToListAsync(cancellationToken);
        var names = await OrganisationNamesAsync([.. rows.Select(r => r.OrganisationId).OfType<string>().Distinct()], cancellationToken);
        return [.. rows.Select(r => new SegmentMember(r.Id, r.FullName, r.Email, r.UserId, r.OrganisationId, r.OrganisationId is null ? null : names.GetValueOrDefault(r.OrganisationId)))];
    }

    /// <summary>The latest titles of directory entries, read in chunks so a large segment stays within a statement's parameters.</summary>
    internal async Task<Dictionary<string, string>> OrganisationNamesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var row in await Titles(db.Startups, chunk).Concat(Titles(db.Enterprises, chunk)).Concat(Titles(db.Mentors, chunk)).Concat(Titles(db.Organisations, chunk))
                .ToListAsync(cancellationToken))
            {
                names[row.Id] = row.Title;
            }
        }

        return names;
    }

    private static IQueryable<IdTitle> Titles<T>(IQueryable<T> items, string[] ids)
        where T : ContentItem => items.Where(p => p.Latest && p.DeletedUtc == null && ids.Contains(p.ContentItemId)).Select(p => new IdTitle { Id = p.ContentItemId, Title = p.Title });

    private sealed class IdTitle
    {
        public string Id { get; init; } = string.Empty;
        public string Title { get; init; } = string.Empty;
    }
}
