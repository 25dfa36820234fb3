using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Account;

/// <summary>
/// One sign-in, kept on the server so that it can be ended there: its id travels as a claim in the cookie ticket or in
/// the bearer access and refresh tokens, and a request whose session has ended is anonymous (see <see cref="SessionValidation"/>).
/// </summary>
internal sealed class UserSession
{
    /// <summary>Random and unguessable (32 bytes); it never leaves the server except inside a protected ticket or token.</summary>
    public string Id { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    /// <summary><see cref="UserSessionKinds.Cookie"/> or <see cref="UserSessionKinds.Bearer"/>.</summary>
    public string Kind { get; set; } = UserSessionKinds.Cookie;

    public DateTime CreatedUtc { get; set; }

    /// <summary>The last authenticated request, written at most once a minute.</summary>
    public DateTime LastSeenUtc { get; set; }

    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }

    public DateTime? EndedUtc { get; set; }

    /// <summary>Why it ended: one of <see cref="SessionEndReasons"/>.</summary>
    public string? EndReason { get; set; }
}

internal static class UserSessionKinds
{
    public const string Cookie = "cookie";
    public const string Bearer = "bearer";
}

/// <summary>Why a session ended, as stored.</summary>
internal static class SessionEndReasons
{
    public const string SignedOut = "signed-out";
    public const string EndedByUser = "ended-by-user";
    public const string SignedOutEverywhere = "signed-out-everywhere";
    public const string SecurityChange = "security-change";
    public const string Disabled = "disabled";
    public const string Replaced = "replaced";
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        builder.Property(x => x.Kind).HasMaxLength(10).IsRequired();
        builder.Property(x => x.IpAddress).HasMaxLength(64);
        builder.Property(x => x.UserAgent).HasMaxLength(300);
        builder.Property(x => x.EndReason).HasMaxLength(40);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.UserId, x.CreatedUtc });
    }
}

internal sealed class UserDisabledConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder) => builder.Property(x => x.DisabledById).HasMaxLength(450);
}
