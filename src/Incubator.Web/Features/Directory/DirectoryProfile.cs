using Incubator.Core.Content;
using Incubator.Web.Features.Content;

namespace Incubator.Web.Features.Directory;

/// <summary>The fields every directory entry shares: startups, S&amp;T enterprises, mentors and organisations.</summary>
internal abstract class DirectoryProfile : ContentItem, IReviewedContent, IHasCustomFields
{
    public string Summary { get; set; } = string.Empty;
    public string? Description { get; set; }
    public List<string> Sectors { get; set; } = [];
    public string? Locality { get; set; }
    public string? Website { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }

    /// <summary>
    /// Whether the public profile shows <see cref="ContactEmail"/> and <see cref="ContactPhone"/>: the owner's choice,
    /// off until they make it, since the address and phone are often a person's own (Decree 13/2023/NĐ-CP).
    /// </summary>
    public bool PublishContact { get; set; }

    /// <summary>The stored name of the logo (or portrait) image, see <see cref="Media.MediaStore"/>.</summary>
    public string? Logo { get; set; }

    public ReviewState ReviewState { get; set; }
    public string? ReviewComment { get; set; }
    public DateTime? SubmittedUtc { get; set; }

    /// <summary>The values of the custom fields a recipe added to the type, as a JSON object of strings (see <see cref="Content.CustomValues"/>).</summary>
    public string CustomFields { get; set; } = "{}";

    protected override void CopyCollectionsInto(ContentItem clone) => ((DirectoryProfile)clone).Sectors = [.. Sectors];
}

internal enum IncubationStatus
{
    None,
    Applied,
    Incubating,
    Graduated,
}

/// <summary>An innovative startup project or company (dự án / doanh nghiệp khởi nghiệp ĐMST).</summary>
internal sealed class Startup : DirectoryProfile
{
    public const string TypeName = "startup";
    public override string ContentType => TypeName;

    public string? TeamOrCompany { get; set; }
    public string? TaxCode { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public string? Stage { get; set; }
    public string? Products { get; set; }
    public int? TeamSize { get; set; }
    public long? FundingRaised { get; set; }
    public IncubationStatus IncubationStatus { get; set; }
}

/// <summary>A certified S&amp;T enterprise (doanh nghiệp KH&amp;CN).</summary>
internal sealed class Enterprise : DirectoryProfile
{
    public const string TypeName = "enterprise";
    public override string ContentType => TypeName;

    public string? TaxCode { get; set; }
    public string? CertificateNumber { get; set; }
    public DateOnly? CertificateDate { get; set; }
    public string? CertificateIssuer { get; set; }
    public string? Technologies { get; set; }

    /// <summary>Share of revenue from S&amp;T products, in percent (0–100).</summary>
    public decimal? ScienceRevenueShare { get; set; }
}

/// <summary>A mentor or expert (chuyên gia, cố vấn); an expert may also review applications.</summary>
internal sealed class Mentor : DirectoryProfile
{
    public const string TypeName = "mentor";
    public override string ContentType => TypeName;

    public string? Expertise { get; set; }
    public string? OrganisationName { get; set; }
    public string? Availability { get; set; }
    public bool IsReviewer { get; set; }
}

internal enum OrganisationKind
{
    University,
    ResearchInstitute,
    Incubator,
    Intermediary,
    Investor,
    Fund,
}

/// <summary>A university, research institute, incubator, intermediary, investor or fund.</summary>
internal sealed class Organisation : DirectoryProfile
{
    public const string TypeName = "organisation";
    public override string ContentType => TypeName;

    public OrganisationKind Kind { get; set; }
}
