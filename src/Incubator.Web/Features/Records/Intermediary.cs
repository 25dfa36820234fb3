using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Records;

/// <summary>
/// The kinds of S&amp;T market intermediaries the provincial plans name (Bắc Kạn's QĐ 2257: technology exchanges,
/// application and transfer centres, brokerage and consulting, assessment / valuation / appraisal, incubators) and
/// the IP services the Law on Technology Transfer lists beside them. An enum rather than free text so a target can
/// count one kind without staff spelling it alike; "other" keeps the list from blocking an unusual organisation.
/// </summary>
internal enum IntermediaryKind
{
    TechnologyExchange,
    TransferCentre,
    BrokerageConsulting,
    Assessment,
    Incubator,
    IpService,
    Other,
}

/// <summary>An S&amp;T market intermediary (tổ chức trung gian) and whether it has joined the national network.</summary>
internal sealed class Intermediary : RecordBase
{
    public const int NameMaxLength = 300;
    public const int OrganisationIdMaxLength = 32;

    public string Name { get; set; } = string.Empty;
    public IntermediaryKind Kind { get; set; }

    /// <summary>Joined to the national network of S&amp;T market intermediaries (Bắc Kạn's target of one).</summary>
    public bool JoinedNetwork { get; set; }

    public DateOnly? JoinedOn { get; set; }

    /// <summary>The directory Organisation's ContentItemId, when the intermediary is listed there.</summary>
    public string? OrganisationId { get; set; }
}

internal sealed class IntermediaryConfiguration : IEntityTypeConfiguration<Intermediary>
{
    public void Configure(EntityTypeBuilder<Intermediary> builder)
    {
        builder.ConfigureRecord("Intermediaries");
        builder.Property(x => x.Name).HasMaxLength(Intermediary.NameMaxLength).IsRequired();
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.OrganisationId).HasMaxLength(Intermediary.OrganisationIdMaxLength);
    }
}
