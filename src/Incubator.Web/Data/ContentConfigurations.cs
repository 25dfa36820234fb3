using Incubator.Core.Content;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Pages;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Data;

/// <summary>The columns and indexes every content type shares.</summary>
internal abstract class ContentItemConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : ContentItem
{
    /// <summary>Latest versions of items not deleted: the rows whose ids and slugs must be unique.</summary>
    private const string LatestFilter = "\"Latest\" AND \"DeletedUtc\" IS NULL";

    public virtual void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.HasKey(x => x.Id);
        builder.Ignore(x => x.ContentType);
        builder.Property(x => x.ContentItemId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Title).HasMaxLength(300).IsRequired();
        builder.Property(x => x.Slug).HasMaxLength(Core.Text.Slug.MaxLength).IsRequired();
        builder.Property(x => x.OwnerId).HasMaxLength(450);
        builder.Property(x => x.CreatedBy).HasMaxLength(450);
        builder.Property(x => x.ModifiedBy).HasMaxLength(450);
        builder.HasIndex(x => new { x.ContentItemId, x.Version }).IsUnique();

        // One latest version per item and one item per slug among latest versions; the content manager
        // also checks published versions, this index settles races.
        builder.HasIndex(x => x.ContentItemId).IsUnique().HasFilter(LatestFilter).HasDatabaseName($"IX_{table}_LatestItem");
        builder.HasIndex(x => x.Slug).IsUnique().HasFilter(LatestFilter).HasDatabaseName($"IX_{table}_LatestSlug");
        // Slug first: a published version is found by its slug, and SQLite seeks on an equality, not on a bare
        // boolean column leading an index ("WHERE Published AND Slug = @slug" scanned the whole table).
        builder.HasIndex(x => new { x.Slug, x.Published });
        builder.HasIndex(x => x.OwnerId);
    }
}

internal abstract class DirectoryProfileConfiguration<T>(string table) : ContentItemConfiguration<T>(table)
    where T : DirectoryProfile
{
    public override void Configure(EntityTypeBuilder<T> builder)
    {
        base.Configure(builder);
        builder.Property(x => x.Summary).HasMaxLength(1000).IsRequired();
        builder.Property(x => x.Description).HasMaxLength(20000);
        builder.Property(x => x.Locality).HasMaxLength(64);
        builder.Property(x => x.Website).HasMaxLength(500);
        builder.Property(x => x.ContactEmail).HasMaxLength(256);
        builder.Property(x => x.ContactPhone).HasMaxLength(32);
        builder.Property(x => x.Logo).HasMaxLength(64);
        builder.Property(x => x.ReviewState).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.ReviewComment).HasMaxLength(2000);
        builder.Property(x => x.Sectors);
        builder.Property(x => x.CustomFields).IsRequired().HasDefaultValue("{}");
        builder.HasIndex(x => x.Locality);
        builder.HasIndex(x => x.ReviewState);
    }
}

internal sealed class StartupConfiguration() : DirectoryProfileConfiguration<Startup>("Startups")
{
    public override void Configure(EntityTypeBuilder<Startup> builder)
    {
        base.Configure(builder);
        builder.Property(x => x.TeamOrCompany).HasMaxLength(300);
        builder.Property(x => x.TaxCode).HasMaxLength(20);
        builder.Property(x => x.Stage).HasMaxLength(64);
        builder.Property(x => x.Products).HasMaxLength(4000);
        builder.Property(x => x.IncubationStatus).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(x => x.Stage);
    }
}

internal sealed class EnterpriseConfiguration() : DirectoryProfileConfiguration<Enterprise>("Enterprises")
{
    public override void Configure(EntityTypeBuilder<Enterprise> builder)
    {
        base.Configure(builder);
        builder.Property(x => x.TaxCode).HasMaxLength(20);
        builder.Property(x => x.CertificateNumber).HasMaxLength(64);
        builder.Property(x => x.CertificateIssuer).HasMaxLength(300);
        builder.Property(x => x.Technologies).HasMaxLength(4000);
        builder.Property(x => x.ScienceRevenueShare).HasPrecision(5, 2);
    }
}

internal sealed class MentorConfiguration() : DirectoryProfileConfiguration<Mentor>("Mentors")
{
    public override void Configure(EntityTypeBuilder<Mentor> builder)
    {
        base.Configure(builder);
        builder.Property(x => x.Expertise).HasMaxLength(1000);
        builder.Property(x => x.OrganisationName).HasMaxLength(300);
        builder.Property(x => x.Availability).HasMaxLength(500);
    }
}

internal sealed class OrganisationConfiguration() : DirectoryProfileConfiguration<Organisation>("Organisations")
{
    public override void Configure(EntityTypeBuilder<Organisation> builder)
    {
        base.Configure(builder);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
    }
}

internal sealed class SitePageConfiguration() : ContentItemConfiguration<SitePage>("SitePages")
{
    public override void Configure(EntityTypeBuilder<SitePage> builder)
    {
        base.Configure(builder);
        builder.Property(x => x.Body).HasMaxLength(100000).IsRequired();
    }
}

internal sealed class NewsArticleConfiguration() : ContentItemConfiguration<NewsArticle>("News")
{
    public override void Configure(EntityTypeBuilder<NewsArticle> builder)
    {
        base.Configure(builder);
        builder.Property(x => x.Summary).HasMaxLength(1000).IsRequired();
        builder.Property(x => x.Body).HasMaxLength(100000).IsRequired();
    }
}

internal sealed class TaxonomyTermConfiguration : IEntityTypeConfiguration<TaxonomyTerm>
{
    public void Configure(EntityTypeBuilder<TaxonomyTerm> builder)
    {
        builder.ToTable("TaxonomyTerms");
        builder.Property(x => x.Taxonomy).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Code).HasMaxLength(64).IsRequired();
        builder.Property(x => x.ParentCode).HasMaxLength(64);
        builder.Property(x => x.NameVi).HasMaxLength(200).IsRequired();
        builder.Property(x => x.NameEn).HasMaxLength(200).IsRequired();
        builder.HasIndex(x => new { x.Taxonomy, x.Code }).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(x => x.ContentType).HasMaxLength(32).IsRequired();
        builder.Property(x => x.ContentItemId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.Comment).HasMaxLength(2000);
        builder.HasIndex(x => new { x.ContentType, x.ContentItemId });
    }
}

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<Features.Account.OutboxEmail>
{
    public void Configure(EntityTypeBuilder<Features.Account.OutboxEmail> builder)
    {
        builder.ToTable("OutboxEmails");
        builder.Property(x => x.To).HasMaxLength(256).IsRequired();
        builder.Property(x => x.Subject).HasMaxLength(300).IsRequired();
        builder.Property(x => x.HtmlBody).IsRequired();
        builder.Property(x => x.Headers).HasMaxLength(2000);
        builder.Property(x => x.LastError).HasMaxLength(2000);
        builder.Property(x => x.ClaimedBy).HasMaxLength(200);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => x.SentUtc);
    }
}

internal sealed class SiteSettingConfiguration : IEntityTypeConfiguration<Features.Setup.SiteSetting>
{
    public void Configure(EntityTypeBuilder<Features.Setup.SiteSetting> builder)
    {
        builder.ToTable("SiteSettings");
        builder.HasKey(x => x.Key);
        builder.Property(x => x.Key).HasMaxLength(100);
        builder.Property(x => x.Value).HasMaxLength(4000).IsRequired();
    }
}
