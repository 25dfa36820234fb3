using System.Text;
using Incubator.Core.Content;
using Incubator.Core.Text;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Pages;
using Incubator.Web.Features.Taxonomies;
using Incubator.Search;
using Incubator.Workflows;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Incubator.Web.Data;

/// <summary>The site's one DbContext; each database provider has a subclass carrying its own migrations.</summary>
internal abstract class IncubatorDbContext(DbContextOptions options)
    : IdentityDbContext<User, Microsoft.AspNetCore.Identity.IdentityRole, string, Microsoft.AspNetCore.Identity.IdentityUserClaim<string>,
        Microsoft.AspNetCore.Identity.IdentityUserRole<string>, Microsoft.AspNetCore.Identity.IdentityUserLogin<string>,
        Microsoft.AspNetCore.Identity.IdentityRoleClaim<string>, Microsoft.AspNetCore.Identity.IdentityUserToken<string>,
        Microsoft.AspNetCore.Identity.IdentityUserPasskey<string>>(options)
{
    public DbSet<Startup> Startups => Set<Startup>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<Mentor> Mentors => Set<Mentor>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<SitePage> SitePages => Set<SitePage>();
    public DbSet<NewsArticle> News => Set<NewsArticle>();
    public DbSet<TaxonomyTerm> TaxonomyTerms => Set<TaxonomyTerm>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<WorkflowTypeRecord> WorkflowTypes => Set<WorkflowTypeRecord>();
    public DbSet<WorkflowInstanceRecord> WorkflowInstances => Set<WorkflowInstanceRecord>();
    public DbSet<WorkflowHistoryRecord> WorkflowHistory => Set<WorkflowHistoryRecord>();
    public DbSet<Features.Workflows.Holiday> Holidays => Set<Features.Workflows.Holiday>();
    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();
    public DbSet<Features.Programmes.Programme> Programmes => Set<Features.Programmes.Programme>();
    public DbSet<Features.Applications.SupportApplication> Applications => Set<Features.Applications.SupportApplication>();
    public DbSet<Features.Applications.ApplicationAttachment> ApplicationAttachments => Set<Features.Applications.ApplicationAttachment>();
    public DbSet<Features.Applications.DisbursementMilestone> DisbursementMilestones => Set<Features.Applications.DisbursementMilestone>();
    public DbSet<Features.Applications.ApplicationReport> ApplicationReports => Set<Features.Applications.ApplicationReport>();
    public DbSet<Features.Programmes.ProgrammeLedger> ProgrammeLedgers => Set<Features.Programmes.ProgrammeLedger>();
    public DbSet<Features.Reviews.Review> Reviews => Set<Features.Reviews.Review>();
    public DbSet<Features.Reviews.ExpertLink> ExpertLinks => Set<Features.Reviews.ExpertLink>();
    public DbSet<Features.Setup.SiteSetting> SiteSettings => Set<Features.Setup.SiteSetting>();
    public DbSet<Features.Content.CustomFieldDefinition> CustomFields => Set<Features.Content.CustomFieldDefinition>();
    public DbSet<Features.Records.IpRecord> IpRecords => Set<Features.Records.IpRecord>();
    public DbSet<Features.Records.TechnologyTransaction> TechnologyTransactions => Set<Features.Records.TechnologyTransaction>();
    public DbSet<Features.Records.Intermediary> Intermediaries => Set<Features.Records.Intermediary>();
    public DbSet<Features.Records.ContestEntry> ContestEntries => Set<Features.Records.ContestEntry>();

    /// <summary>The folder of embedded SQL migration scripts for this provider.</summary>
    public abstract string MigrationsFolder { get; }

    public DbSet<Features.Targets.Target> Targets => Set<Features.Targets.Target>();
    public DbSet<SearchOutboxEntry> SearchOutbox => Set<SearchOutboxEntry>();
    public DbSet<SearchCheckpoint> SearchCheckpoints => Set<SearchCheckpoint>();
    public DbSet<SearchIndexState> SearchIndexState => Set<SearchIndexState>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        NormalizeText();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        NormalizeText();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(IncubatorDbContext).Assembly, t => !t.IsAbstract);
        builder.AddWorkflowTables();
        builder.AddSearchTables(postgres: this is PostgresIncubatorDbContext);
        builder.AddTextFunctions(postgres: this is PostgresIncubatorDbContext);
    }

    /// <summary>Every text is stored in Unicode NFC, whatever form the browser or API client sent.</summary>
    private void NormalizeText()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                NormalizeProperty(property);
            }
        }
    }

    private static void NormalizeProperty(PropertyEntry property)
    {
        switch (property.CurrentValue)
        {
            case string text when !text.IsNormalized(NormalizationForm.FormC):
                property.CurrentValue = VietnameseText.ToNfc(text);
                break;
            case List<string> list when list.Exists(s => !s.IsNormalized(NormalizationForm.FormC)):
                property.CurrentValue = list.ConvertAll(s => VietnameseText.ToNfc(s));
                break;
        }
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}

/// <summary>The embedded SQLite database (the default).</summary>
internal sealed class SqliteIncubatorDbContext(DbContextOptions<SqliteIncubatorDbContext> options) : IncubatorDbContext(options)
{
    public override string MigrationsFolder => "Sqlite";
}

/// <summary>PostgreSQL, for a province that runs several web instances over one database.</summary>
internal sealed class PostgresIncubatorDbContext(DbContextOptions<PostgresIncubatorDbContext> options) : IncubatorDbContext(options)
{
    public override string MigrationsFolder => "Postgres";
}
