using System.Globalization;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Targets;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Records;

/// <summary>
/// The staff-kept records as rows targets count. IP titles, contest entries and intermediaries are public facts and
/// may be listed on the transparency page; technology transactions carry contract values and are listed to staff only
/// (their count and sums are still public through the targets).
/// </summary>
internal sealed class IpRecordIndicators(IncubatorDbContext db, LinkGenerator links) : IIndicatorSource
{
    public string Name => "ipRecords";

    public async Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken) =>
        [.. (await db.IpRecords.AsNoTracking().ToListAsync(cancellationToken)).Select(r => new IndicatorRow(r.Key, $"{r.Title} — {r.Owner}", r.GrantedOn)
        {
            Link = links.PathToPage("/Records/Admin/Edit", new { kind = "ip", id = r.Id }),
            LinkIsBackOffice = true,
            Public = true,
            Locality = r.Locality,
            Kind = RecordField.Code(r.ObjectKind),
            KeyProduct = r.KeyProduct,
        })];
}

internal sealed class TechnologyTransactionIndicators(IncubatorDbContext db, LinkGenerator links) : IIndicatorSource
{
    public string Name => "technologyTransactions";

    public async Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken) =>
        [.. (await db.TechnologyTransactions.AsNoTracking().ToListAsync(cancellationToken)).Select(r => new IndicatorRow(r.Key, $"{r.Technology} ({r.Seller} → {r.Buyer})", r.Date)
        {
            Link = links.PathToPage("/Records/Admin/Edit", new { kind = "transactions", id = r.Id }),
            LinkIsBackOffice = true,
            Locality = r.Locality,
            Kind = RecordField.Code(r.Kind),
            Value = r.Value,
        })];
}

internal sealed class ContestEntryIndicators(IncubatorDbContext db, LinkGenerator links) : IIndicatorSource
{
    public string Name => "contestEntries";

    public async Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken) =>
        [.. (await db.ContestEntries.AsNoTracking().ToListAsync(cancellationToken)).Select(r => new IndicatorRow(r.Key, $"{r.Title} ({r.Authors})", RoundDate(r.Round))
        {
            Link = links.PathToPage("/Records/Admin/Edit", new { kind = "contest", id = r.Id }),
            LinkIsBackOffice = true,
            Public = true,
            Locality = r.Locality,
            Kind = r.Field,
            Result = RecordField.Code(r.Result),
            AppliedInProduction = r.AppliedInProduction,
        })];

    /// <summary>A round counts in its year ("2025", "2025-2"): dated 1 January of it; a round without a year has no date.</summary>
    private static DateOnly? RoundDate(string round) =>
        round.Length >= 4 && int.TryParse(round.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2200
            ? new DateOnly(year, 1, 1)
            : null;
}

internal sealed class IntermediaryIndicators(IncubatorDbContext db, LinkGenerator links) : IIndicatorSource
{
    public string Name => "intermediaries";

    public async Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken) =>
        [.. (await db.Intermediaries.AsNoTracking().ToListAsync(cancellationToken)).Select(r => new IndicatorRow(r.Key, r.Name, r.JoinedOn ?? DateOnly.FromDateTime(VietnamTime.ToLocal(r.CreatedUtc)))
        {
            Link = links.PathToPage("/Records/Admin/Edit", new { kind = "intermediaries", id = r.Id }),
            LinkIsBackOffice = true,
            Public = true,
            Locality = r.Locality,
            Organisation = r.OrganisationId,
            Kind = RecordField.Code(r.Kind),
            NetworkMember = r.JoinedNetwork,
        })];
}
