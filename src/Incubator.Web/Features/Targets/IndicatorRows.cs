using System.Text.Json;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Targets;

/// <summary>
/// One record an indicator may count: an application, a decision, an organisation, an IP record... with the values
/// the filters and measures read. <see cref="Public"/> rows may be listed on the public transparency page; the
/// others (applications not decided) only in the back office.
/// </summary>
internal sealed record IndicatorRow(string Id, string Label, DateOnly? Date)
{
    public string? Link { get; init; }

    /// <summary>Whether <see cref="Link"/> opens a back-office page: the public page then shows the label without it.</summary>
    public bool LinkIsBackOffice { get; init; }

    public bool Public { get; init; }
    public string? Organisation { get; init; }
    public string? Locality { get; init; }
    public string? Programme { get; init; }
    public string? SupportType { get; init; }
    public string? OrganisationKind { get; init; }
    public string? Status { get; init; }
    public string? Kind { get; init; }
    public string? Result { get; init; }
    public bool? AppliedInProduction { get; init; }
    public bool? KeyProduct { get; init; }
    public bool? NetworkMember { get; init; }
    public decimal? Value { get; init; }
    public string? AnswersJson { get; init; }
}

/// <summary>Gives the rows of one indicator source; a feature that owns such records registers one.</summary>
internal interface IIndicatorSource
{
    /// <summary>The name indicators use: "applications", "ipRecords"...</summary>
    string Name { get; }

    Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Applications (submitted, whatever happened next) and decisions (approved, with the decision's date and amount),
/// each with its programme's key and support type and its organisation's kind and locality.
/// </summary>
internal sealed class ApplicationIndicatorSources(IncubatorDbContext db, ContentTypeRegistry types, LinkGenerator links)
{
    public async Task<IReadOnlyList<IndicatorRow>> ApplicationsAsync(bool decisionsOnly, CancellationToken cancellationToken)
    {
        var programmes = await db.Programmes.AsNoTracking().Where(p => p.Latest)
            .Select(p => new { p.ContentItemId, p.Slug, p.SupportType }).ToDictionaryAsync(p => p.ContentItemId, cancellationToken);
        var localities = await OrganisationLocalitiesAsync(cancellationToken);
        var query = db.Applications.AsNoTracking().Where(a => a.Status != ApplicationStatuses.Draft);
        if (decisionsOnly)
        {
            query = query.Where(a => a.ApprovedAmount != null);
        }

        var applications = await query.ToListAsync(cancellationToken);
        return [.. applications.Select(a =>
        {
            programmes.TryGetValue(a.ProgrammeId, out var programme);
            return new IndicatorRow(a.Id, a.Title, decisionsOnly ? a.DecisionDate : a.SubmittedUtc is { } submitted ? DateOnly.FromDateTime(VietnamTime.ToLocal(submitted)) : null)
            {
                Link = links.PathToPage("/Applications/Admin/Show", new { id = a.Id }),
                LinkIsBackOffice = true,
                Public = decisionsOnly,
                Organisation = a.OrganisationId,
                Locality = localities.GetValueOrDefault(a.OrganisationId),
                Programme = programme?.Slug,
                SupportType = programme?.SupportType,
                OrganisationKind = a.OrganisationKind,
                Status = a.Status,
                AppliedInProduction = a.AppliedInProduction,
                Value = decisionsOnly ? a.ApprovedAmount : a.RequestedAmount,
                AnswersJson = a.AnswersJson,
            };
        })];
    }

    /// <summary>Published directory profiles: startups, S&amp;T enterprises, mentors and organisations by their kind.</summary>
    public async Task<IReadOnlyList<IndicatorRow>> OrganisationsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<IndicatorRow>();
        foreach (var type in types.Directory)
        {
            var profiles = await type.Query(db).AsNoTracking().Where(x => x.Published && x.DeletedUtc == null).Cast<DirectoryProfile>().ToListAsync(cancellationToken);
            rows.AddRange(profiles.Select(p => new IndicatorRow(p.ContentItemId, p.Title, OrganisationDate(p))
            {
                Link = type.PublicUrl(p.Slug),
                Public = true,
                Organisation = p.ContentItemId,
                Locality = p.Locality,
                OrganisationKind = p is Directory.Organisation o ? Kebab(o.Kind.ToString()) : type.Name,
                Kind = type.Name,
                Status = (p as Startup)?.Stage,
            }));
        }

        return rows;
    }

    /// <summary>When an organisation counts from: an enterprise's certificate, a startup's founding, else its publication.</summary>
    private static DateOnly? OrganisationDate(DirectoryProfile profile) => profile switch
    {
        Enterprise { CertificateDate: { } certified } => certified,
        Startup { FoundedOn: { } founded } => founded,
        _ => profile.PublishedUtc is { } published ? DateOnly.FromDateTime(VietnamTime.ToLocal(published)) : null,
    };

    private async Task<Dictionary<string, string?>> OrganisationLocalitiesAsync(CancellationToken cancellationToken)
    {
        var localities = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var type in types.Directory)
        {
            foreach (var p in await type.Query(db).AsNoTracking().Where(x => x.Latest).Cast<DirectoryProfile>().Select(p => new { p.ContentItemId, p.Locality }).ToListAsync(cancellationToken))
            {
                localities[p.ContentItemId] = p.Locality;
            }
        }

        return localities;
    }

    private static string Kebab(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

internal sealed class ApplicationsIndicatorSource(ApplicationIndicatorSources sources) : IIndicatorSource
{
    public string Name => "applications";

    public Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken) => sources.ApplicationsAsync(decisionsOnly: false, cancellationToken);
}

internal sealed class DecisionsIndicatorSource(ApplicationIndicatorSources sources) : IIndicatorSource
{
    public string Name => "decisions";

    public Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken) => sources.ApplicationsAsync(decisionsOnly: true, cancellationToken);
}

internal sealed class OrganisationsIndicatorSource(ApplicationIndicatorSources sources) : IIndicatorSource
{
    public string Name => "organisations";

    public Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken) => sources.OrganisationsAsync(cancellationToken);
}

/// <summary>Reads a number from an application's answers, for sums over a form field ("answers.participants").</summary>
internal static class Answers
{
    public static decimal? Number(string? answersJson, string key)
    {
        if (string.IsNullOrEmpty(answersJson))
        {
            return null;
        }

        using var document = JsonDocument.Parse(answersJson);
        return document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;
    }
}
