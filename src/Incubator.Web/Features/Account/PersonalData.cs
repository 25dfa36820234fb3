using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Incubator.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Account;

/// <summary>
/// What the site holds about one person, as the JSON file they download (Decree 13/2023/NĐ-CP, art. 14: the right to
/// obtain one's data). Secrets that protect the account (password hash, security stamp, tokens, recovery codes) are
/// never part of it: they are not information about the person and would help whoever got hold of the file.
/// </summary>
internal sealed class PersonalDataExport(IncubatorDbContext db, UserManager<User> users, IEnumerable<IPersonalDataSource> sources, TimeProvider clock)
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
                ["language"] = user.Language,
                ["createdUtc"] = user.CreatedUtc,
                ["roles"] = new JsonArray([.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).Select(r => (JsonNode?)r)]),
                ["twoFactorEnabled"] = user.TwoFactorEnabled,
                ["lockoutEnd"] = user.LockoutEnd,
            },
        };

        // Each feature's part comes after the account, in the order the features registered, so the file reads the
        // same from one download to the next.
        foreach (var source in sources)
        {
            export[source.Name] = await source.ExportAsync(user, cancellationToken);
        }

        export["securityEvents"] = Serialize(await db.SecurityEvents.AsNoTracking().Where(e => e.UserId == user.Id).OrderBy(e => e.Id)
            .Select(e => new { e.Kind, e.AtUtc, e.Email, e.IpAddress, e.UserAgent, e.Detail, ByAnotherUser = e.ActorId != null && e.ActorId != user.Id }).ToListAsync(cancellationToken));
        export["deletionRequests"] = Serialize(await db.Set<DeletionRequest>().AsNoTracking().Where(r => r.UserId == user.Id).OrderBy(r => r.Id)
            .Select(r => new { r.Email, r.RequestedUtc, r.Status, r.CompletedUtc }).ToListAsync(cancellationToken));
        return JsonSerializer.SerializeToUtf8Bytes(export, Options);
    }

    /// <summary>A value as it appears in the download: camel-case names, enums as names, Vietnamese left readable.</summary>
    public static JsonNode? Serialize<T>(T value) => JsonSerializer.SerializeToNode(value, Options);

    /// <summary>A value whose type is known only at run time (a content item of one of several types).</summary>
    public static JsonNode? Serialize(object value, Type type) => JsonSerializer.SerializeToNode(value, type, Options);
}

internal enum DeletionOutcome
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
internal sealed partial class AccountEraser(
    IncubatorDbContext db,
    UserManager<User> users,
    SecurityAudit audit,
    IEnumerable<IPersonalDataSource> sources,
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

        PersonalDataErasure? erasure = null;
        if (await users.FindByIdAsync(request.UserId) is { } user)
        {
            // Staff may not remove an administrator (nor the last one): an administrator first takes the role away.
            if (await users.IsInRoleAsync(user, Roles.Administrator))
            {
                return DeletionOutcome.Administrator;
            }

            erasure = await EraseAsync(user, actorId, cancellationToken);
        }

        request.Status = DeletionStatuses.Completed;
        request.CompletedUtc = clock.GetUtcNow().UtcDateTime;
        request.CompletedBy = actorId;
        request.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, 1000)];
        audit.Add(SecurityEventKinds.DeletionCompleted, request.UserId, Anonymised, $"request {request.Id}", actorId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Files go only once the rows that named them are gone for good: a rollback must not leave rows without files.
        erasure?.Committed();
        return DeletionOutcome.Completed;
    }

    private async Task<PersonalDataErasure> EraseAsync(User user, string actorId, CancellationToken cancellationToken)
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

        var erasure = new PersonalDataErasure(user, actorId, addresses, personal);
        foreach (var source in sources)
        {
            await source.EraseAsync(erasure, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

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

        return erasure;
    }

    /// <summary>An address inside an audit detail ("from old@example.vn").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s@]+@[^\s@]+")]
    private static partial System.Text.RegularExpressions.Regex AddressPattern();

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
}
