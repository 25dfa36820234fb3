using System.Text.Json.Nodes;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mentoring;

/// <summary>
/// A mentor's details for matching in their download; when their account is deleted, the details lose the account and
/// are no longer offered (no hours, no requests), and the matches they asked for or answered keep no trace of who did.
/// The mentor's directory entry is content and follows the content rules.
/// </summary>
internal sealed class MentoringPersonalData(IncubatorDbContext db) : IPersonalDataSource
{
    public string Name => "mentoring";

    public async Task<JsonNode?> ExportAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var details = await db.Set<MentorDetails>().AsNoTracking().Where(d => d.UserId == user.Id)
            .Select(d => new { d.MentorId, d.Expertise, d.Sectors, d.Stages, d.Languages, d.HoursPerMonth, d.AcceptsRequests, d.UpdatedUtc }).ToListAsync(cancellationToken);
        var matches = await db.Set<MentorMatch>().AsNoTracking().Where(m => m.RequestedBy == user.Id || m.DecidedBy == user.Id).OrderBy(m => m.RequestedUtc)
            .Select(m => new { m.Id, m.OrganisationId, m.MentorId, m.Status, m.RequestedUtc, m.DecidedUtc }).ToListAsync(cancellationToken);
        return details.Count == 0 && matches.Count == 0 ? null : PersonalDataExport.Serialize(new { details, matches });
    }

    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        var id = erasure.User.Id;
        foreach (var details in await db.Set<MentorDetails>().Where(d => d.UserId == id).ToListAsync(cancellationToken))
        {
            details.UserId = null;
            details.HoursPerMonth = 0;
            details.AcceptsRequests = false;
            details.RowVersion++;
        }

        foreach (var match in await db.Set<MentorMatch>().Where(m => m.RequestedBy == id || m.DecidedBy == id).ToListAsync(cancellationToken))
        {
            match.RequestedBy = match.RequestedBy == id ? null : match.RequestedBy;
            match.DecidedBy = match.DecidedBy == id ? null : match.DecidedBy;
            match.RowVersion++;
        }
    }
}
