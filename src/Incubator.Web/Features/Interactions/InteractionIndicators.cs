using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Targets;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Interactions;

/// <summary>
/// Interactions as rows the targets count, dated by their Vietnam day and kinded by their code ("interactions"), and the
/// consultations given among them: meetings, calls and site visits ("consultations"). Staff-only: never listed publicly.
/// </summary>
internal sealed class InteractionIndicators(IncubatorDbContext db, LinkGenerator links) : IIndicatorSource
{
    public string Name => "interactions";

    public Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken) => InteractionRows.ReadAsync(db, links, null, cancellationToken);
}

/// <summary>See <see cref="InteractionIndicators"/>.</summary>
internal sealed class ConsultationIndicators(IncubatorDbContext db, LinkGenerator links) : IIndicatorSource
{
    public string Name => "consultations";

    public Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken) =>
        InteractionRows.ReadAsync(db, links, InteractionLabels.Consultations, cancellationToken);
}

internal static class InteractionRows
{
    public static async Task<IReadOnlyList<IndicatorRow>> ReadAsync(IncubatorDbContext db, LinkGenerator links, IReadOnlySet<InteractionKind>? kinds, CancellationToken cancellationToken)
    {
        var query = db.Set<Interaction>().AsNoTracking();
        if (kinds is not null)
        {
            var list = kinds.ToList();
            query = query.Where(i => list.Contains(i.Kind));
        }

        var rows = await query.Select(i => new { i.Id, i.Subject, i.AtUtc, i.Kind }).ToListAsync(cancellationToken);
        return [.. rows.Select(i => new IndicatorRow(i.Id, i.Subject, DateOnly.FromDateTime(VietnamTime.ToLocal(i.AtUtc)))
        {
            Link = links.PathToPage("/Interactions/Admin/Show", new { id = i.Id }),
            LinkIsBackOffice = true,
            Kind = InteractionLabels.Code(i.Kind),
        })];
    }
}
