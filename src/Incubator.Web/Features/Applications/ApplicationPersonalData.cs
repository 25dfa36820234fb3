using System.Text.Json.Nodes;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// A person's applications: all of them in their download. On deletion a draft never submitted is nobody's record yet
/// and goes with its attachments; anything submitted is an administrative record of the province and stays, without
/// its owner and without the person's own details in its answers, and so does the organisation it names.
/// </summary>
internal sealed class ApplicationPersonalData(IncubatorDbContext db, AttachmentStore attachments) : IPersonalDataSource, IOrganisationReferences
{
    public string Name => "applications";

    public async Task<JsonNode?> ExportAsync(User user, CancellationToken cancellationToken)
    {
        var applications = await db.Applications.AsNoTracking().Where(a => a.OwnerId == user.Id).OrderBy(a => a.CreatedUtc).ToListAsync(cancellationToken);
        var programmeIds = applications.Select(a => a.ProgrammeId).Distinct().ToList();
        var programmes = await db.Programmes.AsNoTracking().Where(p => programmeIds.Contains(p.ContentItemId) && p.Latest)
            .Select(p => new { p.ContentItemId, p.Title }).ToDictionaryAsync(p => p.ContentItemId, p => p.Title, cancellationToken);
        var result = new JsonArray();
        foreach (var a in applications)
        {
            result.Add(new JsonObject
            {
                ["id"] = a.Id,
                ["programmeId"] = a.ProgrammeId,
                ["programme"] = programmes.GetValueOrDefault(a.ProgrammeId),
                ["round"] = a.RoundKey,
                ["organisationId"] = a.OrganisationId,
                ["title"] = a.Title,
                ["status"] = a.Status,
                ["answers"] = JsonNode.Parse(a.AnswersJson),
                ["requestedAmount"] = a.RequestedAmount,
                ["createdUtc"] = a.CreatedUtc,
                ["submittedUtc"] = a.SubmittedUtc,
                ["decision"] = a.DecidedUtc is null && a.DecisionNumber is null ? null : new JsonObject
                {
                    ["number"] = a.DecisionNumber,
                    ["date"] = (a.DecisionDate is { } decided ? VietnamTime.FormatIsoDate(decided) : null),
                    ["approvedAmount"] = a.ApprovedAmount,
                    ["decidedUtc"] = a.DecidedUtc,
                },
            });
        }

        return result;
    }

    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        var applications = await db.Applications.Where(a => a.OwnerId == erasure.User.Id).ToListAsync(cancellationToken);
        foreach (var application in applications)
        {
            if (application.Status == ApplicationStatuses.Draft && application.SubmittedUtc is null)
            {
                var stored = await db.ApplicationAttachments.Where(x => x.ApplicationId == application.Id).ToListAsync(cancellationToken);
                var files = stored.Select(x => x.StoredName).ToList();
                erasure.AfterCommit(() =>
                {
                    foreach (var file in files)
                    {
                        attachments.Delete(file);
                    }
                });
                db.ApplicationAttachments.RemoveRange(stored);
                db.Applications.Remove(application);
            }
            else
            {
                application.OwnerId = AccountEraser.DeletedOwner;
                application.AnswersJson = erasure.AnonymiseAnswers(application.AnswersJson);
            }
        }
    }

    public Task<bool> IsReferencedAsync(string organisationId, CancellationToken cancellationToken) =>
        db.Applications.AnyAsync(a => a.OrganisationId == organisationId && (a.SubmittedUtc != null || a.Status != ApplicationStatuses.Draft), cancellationToken);
}
