using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.CheckIns;

/// <summary>
/// An organisation's progress report for one period ("2026-11" for a month, "2026-Q4" for a quarter): its revenue,
/// people, new jobs, funding raised, customers, products, IP and exports in that period. One per organisation and
/// period (a unique index): a second report for the same period updates the first.
/// </summary>
internal sealed class CheckIn
{
    public long Id { get; set; }
    public string OrganisationId { get; set; } = string.Empty;

    /// <summary>"2026-11" or "2026-Q4".</summary>
    public string Period { get; set; } = string.Empty;

    /// <summary>The first day of the period, for ordering and for the targets' dates.</summary>
    public DateOnly PeriodStart { get; set; }

    /// <summary>Revenue in the period, in đồng.</summary>
    public long Revenue { get; set; }

    /// <summary>People employed at the end of the period.</summary>
    public int Employees { get; set; }

    public int WomenEmployees { get; set; }

    /// <summary>Jobs created in the period.</summary>
    public int NewJobs { get; set; }

    /// <summary>Grants received in the period, in đồng.</summary>
    public long FundingGrant { get; set; }

    public long FundingEquity { get; set; }
    public long FundingLoan { get; set; }

    /// <summary>Paying customers at the end of the period.</summary>
    public int Customers { get; set; }

    public int ProductsLaunched { get; set; }
    public int IpFilings { get; set; }
    public int IpGranted { get; set; }

    /// <summary>Export value in the period, in đồng.</summary>
    public long Exports { get; set; }

    public string? Comment { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime SubmittedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public int RowVersion { get; set; }

    public long FundingTotal => FundingGrant + FundingEquity + FundingLoan;
}

/// <summary>
/// That the late reminder of an organisation's check-in for a period was sent: one row per organisation and period,
/// unique, saved with the notices, so several instances send it once.
/// </summary>
internal sealed class CheckInReminder
{
    public long Id { get; set; }
    public string OrganisationId { get; set; } = string.Empty;
    public string Period { get; set; } = string.Empty;
    public DateTime SentUtc { get; set; }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> builder)
    {
        builder.ToTable("CheckIns");
        builder.Ignore(x => x.FundingTotal);
        builder.Property(x => x.OrganisationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Period).HasMaxLength(8).IsRequired();
        builder.Property(x => x.Comment).HasMaxLength(CheckInRules.MaxComment);
        builder.Property(x => x.SubmittedBy).HasMaxLength(450);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
        builder.HasIndex(x => new { x.OrganisationId, x.Period }).IsUnique();
        builder.HasIndex(x => new { x.OrganisationId, x.PeriodStart });
    }
}

internal sealed class CheckInReminderConfiguration : IEntityTypeConfiguration<CheckInReminder>
{
    public void Configure(EntityTypeBuilder<CheckInReminder> builder)
    {
        builder.ToTable("CheckInReminders");
        builder.Property(x => x.OrganisationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Period).HasMaxLength(8).IsRequired();
        builder.HasIndex(x => new { x.OrganisationId, x.Period }).IsUnique();
    }
}
