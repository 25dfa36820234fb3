using Incubator.Core.Time;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Account;

/// <summary>One security event: who (the account it concerns and the one who acted), what, when and from where.</summary>
internal sealed class SecurityEvent
{
    public long Id { get; set; }
    public string Kind { get; set; } = string.Empty;

    /// <summary>The account the event concerns (null when a sign-in names an unknown address).</summary>
    public string? UserId { get; set; }

    /// <summary>The address the event concerns, as typed or as the account holds it.</summary>
    public string? Email { get; set; }

    /// <summary>Who acted, when it is not the account itself (an administrator changing roles).</summary>
    public string? ActorId { get; set; }

    public DateTime AtUtc { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public string? Detail { get; set; }
}

/// <summary>The kinds of security event, as stored (and as the audit page filters them).</summary>
internal static class SecurityEventKinds
{
    public const string SignInSucceeded = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignedOut = "sign-out";
    public const string SignedOutEverywhere = "sign-out-everywhere";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";
    public const string TwoFactorReset = "two-factor-reset";
    public const string RecoveryCodesGenerated = "recovery-codes";
    public const string RecoveryCodeUsed = "recovery-code-used";
    public const string PasskeyAdded = "passkey-added";
    public const string PasskeyRemoved = "passkey-removed";
    public const string PasswordChanged = "password-changed";
    public const string PasswordReset = "password-reset";
    public const string EmailChanged = "email-changed";
    public const string RolesChanged = "roles-changed";
    public const string PermissionsChanged = "permissions-changed";
    public const string UserCreated = "user-created";
    public const string UserDisabled = "user-disabled";
    public const string UserEnabled = "user-enabled";
    public const string UserUnlocked = "user-unlocked";
    public const string PersonalDataDownloaded = "personal-data-downloaded";
    public const string DeletionRequested = "deletion-requested";
    public const string DeletionCompleted = "deletion-completed";

    public static readonly IReadOnlyList<string> All =
    [
        SignInSucceeded, SignInFailed, LockedOut, SignedOut, SignedOutEverywhere, TwoFactorEnabled, TwoFactorDisabled,
        TwoFactorReset, RecoveryCodesGenerated, RecoveryCodeUsed, PasskeyAdded, PasskeyRemoved, PasswordChanged, PasswordReset,
        EmailChanged, RolesChanged, PermissionsChanged, UserCreated, UserDisabled, UserEnabled, UserUnlocked,
        PersonalDataDownloaded, DeletionRequested, DeletionCompleted,
    ];
}

/// <summary>
/// Writes security events to the audit log with the caller's address and browser. <see cref="Add"/> joins the
/// caller's unit of work (the event commits with the change it records); <see cref="RecordAsync"/> saves at once,
/// for events that change nothing else (a failed sign-in).
/// </summary>
internal sealed class SecurityAudit(IncubatorDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public SecurityEvent Add(string kind, string? userId, string? email = null, string? detail = null, string? actorId = null)
    {
        var request = http.HttpContext;
        var entry = new SecurityEvent
        {
            Kind = kind,
            UserId = userId,
            Email = Cut(email, 256),
            ActorId = actorId,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            IpAddress = request?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Cut(request?.Request.Headers.UserAgent.ToString(), 300),
            Detail = Cut(detail, 1000),
        };
        db.SecurityEvents.Add(entry);
        return entry;
    }

    public async Task RecordAsync(string kind, string? userId, string? email = null, string? detail = null, string? actorId = null, CancellationToken cancellationToken = default)
    {
        Add(kind, userId, email, detail, actorId);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Cut(string? text, int length) => string.IsNullOrEmpty(text) ? null : text.Length > length ? text[..length] : text;
}

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> builder)
    {
        builder.ToTable("SecurityEvents");
        builder.Property(x => x.Kind).HasMaxLength(40).IsRequired();
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.Email).HasMaxLength(256);
        builder.Property(x => x.ActorId).HasMaxLength(450);
        builder.Property(x => x.IpAddress).HasMaxLength(64);
        builder.Property(x => x.UserAgent).HasMaxLength(300);
        builder.Property(x => x.Detail).HasMaxLength(1000);
        builder.HasIndex(x => x.AtUtc);
        builder.HasIndex(x => new { x.UserId, x.AtUtc });
    }
}
