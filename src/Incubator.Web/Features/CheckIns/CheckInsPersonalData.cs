using System.Text.Json.Nodes;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.CheckIns;

/// <summary>
/// The check-ins a person filed, in their download (which organisation, which period, when); when their account is
/// deleted the check-ins forget who filed them. The figures are the organisation's and are kept.
/// </summary>
internal sealed class CheckInsPersonalData(IncubatorDbContext db) : IPersonalDataSource
{
    public string Name => "checkins";

    public async Task<JsonNode?> ExportAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var filed = await db.Set<CheckIn>().AsNoTracking().Where(c => c.SubmittedBy == user.Id).OrderBy(c => c.OrganisationId).ThenBy(c => c.PeriodStart)
            .Select(c => new { c.OrganisationId, c.Period, c.SubmittedUtc, c.UpdatedUtc }).ToListAsync(cancellationToken);
        return filed.Count == 0 ? null : PersonalDataExport.Serialize(new { filed });
    }

    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        var id = erasure.User.Id;
        foreach (var checkIn in await db.Set<CheckIn>().Where(c => c.SubmittedBy == id).ToListAsync(cancellationToken))
        {
            checkIn.SubmittedBy = null;
            checkIn.RowVersion++;
        }
    }
}
