using Incubator.Web.Features.Content;
using Incubator.Web.Features.Search;
using Incubator.Web.Features.Taxonomies;

namespace Incubator.Web.Features.Directory;

/// <summary>The directory's content types (profiles) and their fields; the back office's forms are drawn from these.</summary>
internal static class DirectoryContentTypes
{
    private static readonly ContentField[] ProfileHead =
    [
        ContentField.Text<DirectoryProfile>("Title", "Name", x => x.Title, (x, v) => x.Title = v ?? string.Empty, required: true, maxLength: 300),
        ContentField.Text<DirectoryProfile>("Summary", "Summary", x => x.Summary, (x, v) => x.Summary = v ?? string.Empty, required: true, maxLength: 1000, kind: FieldKind.LongText),
        ContentField.Text<DirectoryProfile>("Description", "Description", x => x.Description, (x, v) => x.Description = v, maxLength: 20000, kind: FieldKind.LongText),
        ContentField.Terms<DirectoryProfile>("Sectors", "Sectors", TaxonomyTerm.Sectors, x => x.Sectors, (x, v) => x.Sectors = v),
        ContentField.Term<DirectoryProfile>("Locality", "Locality", TaxonomyTerm.Localities, x => x.Locality, (x, v) => x.Locality = v),
    ];

    private static readonly ContentField[] ProfileContact =
    [
        ContentField.Text<DirectoryProfile>("Website", "Website", x => x.Website, (x, v) => x.Website = v, maxLength: 500, kind: FieldKind.Url),
        ContentField.Text<DirectoryProfile>("ContactEmail", "Contact e-mail", x => x.ContactEmail, (x, v) => x.ContactEmail = v, maxLength: 256, kind: FieldKind.Email),
        ContentField.Text<DirectoryProfile>("ContactPhone", "Contact phone", x => x.ContactPhone, (x, v) => x.ContactPhone = v, maxLength: 32, kind: FieldKind.Phone),
        ContentField.Bool<DirectoryProfile>(DirectoryContact.PublishField, "Show the contact e-mail and phone on the public profile", x => x.PublishContact, (x, v) => x.PublishContact = v),
        ContentField.Image<DirectoryProfile>("Logo", "Logo or photo", x => x.Logo, (x, v) => x.Logo = v),
    ];

    public static readonly ContentTypeDefinition<Startup> Startup = new(
        Features.Directory.Startup.TypeName, "startups", "Startup", "Startups",
        [
            .. ProfileHead,
            ContentField.Term<Startup>("Stage", "Stage", TaxonomyTerm.Stages, x => x.Stage, (x, v) => x.Stage = v),
            ContentField.Text<Startup>("TeamOrCompany", "Team or company", x => x.TeamOrCompany, (x, v) => x.TeamOrCompany = v, maxLength: 300),
            ContentField.Text<Startup>("TaxCode", "Tax code", x => x.TaxCode, (x, v) => x.TaxCode = v, maxLength: 20, kind: FieldKind.TaxCode),
            ContentField.Date<Startup>("FoundedOn", "Founding date", x => x.FoundedOn, (x, v) => x.FoundedOn = v),
            ContentField.Text<Startup>("Products", "Products", x => x.Products, (x, v) => x.Products = v, maxLength: 4000, kind: FieldKind.LongText),
            ContentField.Integer<Startup>("TeamSize", "Team size", x => x.TeamSize, (x, v) => x.TeamSize = v, max: 100000),
            ContentField.Money<Startup>("FundingRaised", "Funding raised (VND)", x => x.FundingRaised, (x, v) => x.FundingRaised = v),
            ContentField.Choice<Startup, IncubationStatus>("IncubationStatus", "Incubation status", x => x.IncubationStatus, (x, v) => x.IncubationStatus = v),
            .. ProfileContact,
        ])
    {
        IsDirectory = true,
        PublicPath = slug => $"/directory/startups/{slug}",
    };

    public static readonly ContentTypeDefinition<Enterprise> Enterprise = new(
        Features.Directory.Enterprise.TypeName, "enterprises", "S&T enterprise", "S&T enterprises",
        [
            .. ProfileHead,
            ContentField.Text<Enterprise>("TaxCode", "Tax code", x => x.TaxCode, (x, v) => x.TaxCode = v, maxLength: 20, kind: FieldKind.TaxCode),
            ContentField.Text<Enterprise>("CertificateNumber", "S&T enterprise certificate number", x => x.CertificateNumber, (x, v) => x.CertificateNumber = v, maxLength: 64),
            ContentField.Date<Enterprise>("CertificateDate", "Certificate date", x => x.CertificateDate, (x, v) => x.CertificateDate = v),
            ContentField.Text<Enterprise>("CertificateIssuer", "Certificate issued by", x => x.CertificateIssuer, (x, v) => x.CertificateIssuer = v, maxLength: 300),
            ContentField.Text<Enterprise>("Technologies", "Technologies commercialised", x => x.Technologies, (x, v) => x.Technologies = v, maxLength: 4000, kind: FieldKind.LongText),
            ContentField.Percent<Enterprise>("ScienceRevenueShare", "Share of revenue from S&T products (%)", x => x.ScienceRevenueShare, (x, v) => x.ScienceRevenueShare = v),
            .. ProfileContact,
        ])
    {
        IsDirectory = true,
        PublicPath = slug => $"/directory/enterprises/{slug}",
    };

    public static readonly ContentTypeDefinition<Mentor> Mentor = new(
        Features.Directory.Mentor.TypeName, "mentors", "Mentor", "Mentors",
        [
            .. ProfileHead,
            ContentField.Text<Mentor>("Expertise", "Expertise", x => x.Expertise, (x, v) => x.Expertise = v, maxLength: 1000),
            ContentField.Text<Mentor>("OrganisationName", "Organisation", x => x.OrganisationName, (x, v) => x.OrganisationName = v, maxLength: 300),
            ContentField.Text<Mentor>("Availability", "Availability", x => x.Availability, (x, v) => x.Availability = v, maxLength: 500),
            ContentField.Bool<Mentor>("IsReviewer", "Also reviews applications", x => x.IsReviewer, (x, v) => x.IsReviewer = v),
            .. ProfileContact,
        ])
    {
        IsDirectory = true,
        PublicPath = slug => $"/directory/mentors/{slug}",
    };

    public static readonly ContentTypeDefinition<Organisation> Organisation = new(
        Features.Directory.Organisation.TypeName, "organisations", "Organisation", "Organisations",
        [
            .. ProfileHead,
            ContentField.Choice<Organisation, OrganisationKind>("Kind", "Kind of organisation", x => x.Kind, (x, v) => x.Kind = v),
            .. ProfileContact,
        ])
    {
        IsDirectory = true,
        PublicPath = slug => $"/directory/organisations/{slug}",
    };

    public static readonly IReadOnlyList<ContentTypeDefinition> All = [Startup, Enterprise, Mentor, Organisation];

    /// <summary>Registers the directory's content types and its search source.</summary>
    public static IServiceCollection AddDirectoryContentTypes(this IServiceCollection services)
    {
        foreach (var type in All)
        {
            services.AddContentType(type);
        }

        return services.AddSearchSource<DirectorySearch>();
    }
}
