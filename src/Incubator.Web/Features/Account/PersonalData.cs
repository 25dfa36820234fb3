using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Account;

/// <summary>
/// What the site holds about one person, as the JSON file they download (Decree 13/2023/NĐ-CP, art. 14: the right to
/// obtain one's data). Secrets that protect the account (password hash, security stamp, tokens, recovery codes) are
/// never part of it: they are not information about the person and would help whoever got hold of the file.
/// </summary>
public sealed class PersonalDataExport(IncubatorDbContext db, UserManager<User> users, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Vietnamese stays readable in the file; markup-sensitive characters are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public async Task<byte[]> BuildAsync(User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var export = new JsonObject
        {
            ["exportedUtc"] = clock.GetUtcNow().UtcDateTime,
            ["account"] = new JsonObject
            {
                ["id"] = user.Id,
                ["email"] = user.Email,
                ["emailConfirmed"] = user.EmailConfirmed,
                ["userName"] = user.UserName,
                ["displayName"] = user.DisplayName,
                ["phoneNumber"] = user.PhoneNumber,
                ["createdUtc"] = user.CreatedUtc,
                ["roles"] = new JsonArray([.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).Select(r => (JsonNode?)r)]),
                ["twoFactorEnabled"] = user.TwoFactorEnabled,
                ["lockoutEnd"] = user.LockoutEnd,
            },
            ["organisations"] = await OrganisationsAsync(user.Id, cancellationToken),
            ["applications"] = await ApplicationsAsync(user.Id, cancellationToken),
            ["notifications"] = Serialize(await db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id).OrderBy(n => n.Id)
                .Select(n => new { n.Template, n.ItemId, n.ItemTitle, n.Link, n.CreatedUtc, n.ReadUtc }).ToListAsync(cancellationToken)),
            ["securityEvents"] = Serialize(await db.SecurityEvents.AsNoTracking().Where(e => e.UserId == user.Id).OrderBy(e => e.Id)
                .Select(e => new { e.Kind, e.AtUtc, e.Email, e.IpAddress, e.UserAgent, e.Detail, ByAnotherUser = e.ActorId != null && e.ActorId != user.Id }).ToListAsync(cancellationToken)),
            ["deletionRequests"] = Serialize(await db.Set<DeletionRequest>().AsNoTracking().Where(r => r.UserId == user.Id).OrderBy(r => r.Id)
                .Select(r => new { r.Email, r.RequestedUtc, r.Status, r.CompletedUtc }).ToListAsync(cancellationToken)),
        };
        return JsonSerializer.SerializeToUtf8Bytes(export, Options);
    }

    /// <summary>Every version of every organisation profile the person owns, with all its fields.</summary>
    private async Task<JsonArray> OrganisationsAsync(string userId, CancellationToken cancellationToken)
    {
        var result = new JsonArray();
        foreach (var type in OrganisationAccess.Kinds)
        {
            var owned = type.Query(db).Where(x => x.OwnerId == userId).Select(x => x.ContentItemId).Distinct();
            var versions = await type.Query(db).AsNoTracking().Where(x => owned.Contains(x.ContentItemId))
                .OrderBy(x => x.ContentItemId).ThenBy(x => x.Version).ToListAsync(cancellationToken);
            foreach (var item in versions.GroupBy(v => v.ContentItemId))
            {
                result.Add(new JsonObject
                {
                    ["id"] = item.Key,
                    ["kind"] = type.Name,
                    ["versions"] = new JsonArray([.. item.Select(v => JsonSerializer.SerializeToNode(v, v.GetType(), Options))]),
                });
            }
        }

        return result;
    }

    private async Task<JsonArray> ApplicationsAsync(string userId, CancellationToken cancellationToken)
    {
        var applications = await db.Applications.AsNoTracking().Where(a => a.OwnerId == userId).OrderBy(a => a.CreatedUtc).ToListAsync(cancellationToken);
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

    private static JsonNode? Serialize<T>(T value) => JsonSerializer.SerializeToNode(value, Options);
}

public enum DeletionOutcome
{
    Completed,
    NotPending,
    Administrator,
}

/// <summary>
/// Carries out a deletion request: removes what is the person's alone and anonymises the person in what the province
/// must keep as administrative records (submitted applications, decisions, published profiles). README "Personal data"
/// lists every table and why. One transaction: either everything below happens or nothing does.
/// </summary>
public sealed partial class AccountEraser(
    IncubatorDbContext db,
    UserManager<User> users,
    SecurityAudit audit,
    WorkflowService workflows,
    AttachmentStore attachments,
    Media.MediaStore media,
    TimeProvider clock)
{
    /// <summary>What replaces the person's name, address or phone in the records that are kept.</summary>
    public const string Anonymised = "Đã ẩn danh";

    /// <summary>The owner of applications kept after their owner's account was deleted (the column may not be empty).</summary>
    public const string DeletedOwner = "deleted-account";

    /// <summary>Carries out a pending request; says why not when it is no longer pending or the account is an administrator's.</summary>
    public async Task<DeletionOutcome> CompleteAsync(long requestId, string actorId, string? note, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claimed with one conditional update first: of two staff members pressing at once, one carries it out and
        // the other waits for the row, then finds it no longer pending.
        var claimed = await db.Set<DeletionRequest>().Where(r => r.Id == requestId && r.Status == DeletionStatuses.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, DeletionStatuses.Completed), cancellationToken);
        if (claimed == 0)
        {
            return DeletionOutcome.NotPending;
        }

        var request = await db.Set<DeletionRequest>().SingleAsync(r => r.Id == requestId, cancellationToken);

        var files = new List<string>();
        var logos = new List<string?>();
        if (await users.FindByIdAsync(request.UserId) is { } user)
        {
            // Staff may not remove an administrator (nor the last one): an administrator first takes the role away.
            if (await users.IsInRoleAsync(user, Roles.Administrator))
            {
                return DeletionOutcome.Administrator;
            }

            await EraseAsync(user, actorId, files, logos, cancellationToken);
        }

        request.Status = DeletionStatuses.Completed;
        request.CompletedUtc = clock.GetUtcNow().UtcDateTime;
        request.CompletedBy = actorId;
        request.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, 1000)];
        audit.Add(SecurityEventKinds.DeletionCompleted, request.UserId, Anonymised, $"request {request.Id}", actorId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Files go only once the rows that named them are gone for good: a rollback must not leave rows without files.
        foreach (var file in files)
        {
            attachments.Delete(file);
        }

        media.Delete(logos);
        return DeletionOutcome.Completed;
    }

    private async Task EraseAsync(User user, string actorId, List<string> files, List<string?> logos, CancellationToken cancellationToken)
    {
        var userId = user.Id;
        var events = await db.SecurityEvents.Where(e => e.UserId == userId).ToListAsync(cancellationToken);

        // Every address the account has had (an e-mail change leaves the old one in the audit), so none survives.
        var addresses = events.Select(e => e.Email).Append(user.Email).Append(user.UserName)
            .Concat(events.Where(e => e.Kind == SecurityEventKinds.EmailChanged && e.Detail != null).SelectMany(e => AddressPattern().Matches(e.Detail!).Select(m => m.Value)))
            .Where(a => !string.IsNullOrWhiteSpace(a) && a.Contains('@', StringComparison.Ordinal))
            .Select(a => a!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var personal = addresses.Concat(new[] { user.DisplayName, user.PhoneNumber }.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        // Applications: a draft never submitted is nobody's record yet and goes; anything submitted is an administrative
        // record of the province and stays, without its owner and without the person's own details in its answers.
        var applications = await db.Applications.Where(a => a.OwnerId == userId).ToListAsync(cancellationToken);
        foreach (var application in applications)
        {
            if (application.Status == ApplicationStatuses.Draft && application.SubmittedUtc is null)
            {
                files.AddRange(await db.ApplicationAttachments.Where(x => x.ApplicationId == application.Id).Select(x => x.StoredName).ToListAsync(cancellationToken));
                db.ApplicationAttachments.RemoveRange(await db.ApplicationAttachments.Where(x => x.ApplicationId == application.Id).ToListAsync(cancellationToken));
                db.Applications.Remove(application);
            }
            else
            {
                application.OwnerId = DeletedOwner;
                application.AnswersJson = AnonymiseAnswers(application.AnswersJson, personal);
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        foreach (var type in OrganisationAccess.Kinds)
        {
            var owned = await type.Query(db).Where(x => x.OwnerId == userId).Select(x => x.ContentItemId).Distinct().ToListAsync(cancellationToken);
            foreach (var id in owned)
            {
                var versions = await type.Query(db).OfType<DirectoryProfile>().Where(x => x.ContentItemId == id).ToListAsync(cancellationToken);
                var everPublished = versions.Exists(v => v.Published || v.PublishedUtc != null);
                var applied = await db.Applications.AnyAsync(a => a.OrganisationId == id && (a.SubmittedUtc != null || a.Status != ApplicationStatuses.Draft), cancellationToken);
                if (!everPublished && !applied)
                {
                    logos.AddRange(versions.Select(v => v.Logo));
                    await workflows.CancelUnfinishedAsync(id, actorId, cancellationToken);
                    db.AuditEntries.RemoveRange(await db.AuditEntries.Where(a => a.ContentItemId == id).ToListAsync(cancellationToken));
                    db.RemoveRange(versions);
                    continue;
                }

                // The organisation stays in the directory and in the records behind decisions; the person leaves it.
                foreach (var version in versions)
                {
                    version.OwnerId = null;
                    if (Matches(version.ContactEmail, addresses))
                    {
                        version.ContactEmail = Anonymised;
                    }

                    if (MatchesPhone(version.ContactPhone, user.PhoneNumber))
                    {
                        version.ContactPhone = Anonymised;
                    }
                }
            }
        }

        db.Notifications.RemoveRange(await db.Notifications.Where(n => n.UserId == userId).ToListAsync(cancellationToken));
        // Deleted by a statement rather than row by row with the concurrency token: an e-mail the outbox claimed
        // meanwhile is erased all the same (its sender then finds it gone) instead of failing the erasure.
        await db.OutboxEmails.Where(e => addresses.Contains(e.To)).ExecuteDeleteAsync(cancellationToken);

        // The security audit is kept (ASVS: security logs outlive the accounts they concern); only the addresses go.
        var typedAddresses = await db.SecurityEvents.Where(e => e.UserId == null && e.Email != null && addresses.Contains(e.Email)).ToListAsync(cancellationToken);
        foreach (var entry in events.Concat(typedAddresses))
        {
            entry.Email = entry.Email is null ? null : Anonymised;
            // Addresses and the phone only: a short name would also match inside unrelated words of the detail.
            entry.Detail = Replace(entry.Detail, addresses.Concat(string.IsNullOrWhiteSpace(user.PhoneNumber) ? [] : [user.PhoneNumber]));
        }

        foreach (var request in await db.Set<DeletionRequest>().Where(r => r.UserId == userId && r.Status == DeletionStatuses.Pending).ToListAsync(cancellationToken))
        {
            request.Status = DeletionStatuses.Completed;
        }

        await db.SaveChangesAsync(cancellationToken);

        // Roles, claims, external logins and tokens go with the account (cascading foreign keys).
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            throw new InvalidOperationException($"The account could not be deleted: {string.Join("; ", deleted.Errors.Select(e => e.Code))}");
        }
    }

    /// <summary>An address inside an audit detail ("from old@example.vn").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s@]+@[^\s@]+")]
    private static partial System.Text.RegularExpressions.Regex AddressPattern();

    private static bool Matches(string? value, IEnumerable<string> candidates) =>
        !string.IsNullOrWhiteSpace(value) && candidates.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase);

    private static bool MatchesPhone(string? value, string? phone) =>
        !string.IsNullOrWhiteSpace(value) && !string.IsNullOrWhiteSpace(phone) && AccountProfile.DigitsOf(value) == AccountProfile.DigitsOf(phone);

    private static string? Replace(string? text, IEnumerable<string> personal)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var value in personal)
        {
            text = text.Replace(value, Anonymised, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    /// <summary>A form's answer that is exactly the person's name, address or phone becomes the placeholder.</summary>
    private static string AnonymiseAnswers(string json, IReadOnlyList<string> personal)
    {
        if (JsonNode.Parse(json) is not JsonObject answers)
        {
            return json;
        }

        foreach (var (key, value) in answers.ToList())
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && Matches(text, personal))
            {
                answers[key] = Anonymised;
            }
        }

        return answers.ToJsonString();
    }
}
