using System.Globalization;
using System.Security.Claims;
using Incubator.Core.Results;
using Incubator.Core.Time;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Taxonomies;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Organisations;

/// <summary>An applicant's own organisation profile (startup or S&amp;T enterprise), over JSON.</summary>
internal static class OrganisationApi
{
    /// <summary>
    /// A profile as its owner sends it: every field the back office and the owner's form have. On a change, a field left
    /// out (null) keeps its value. Dates are ISO (<c>2025-06-01</c>); <c>incubationStatus</c> is None, Applied,
    /// Incubating or Graduated; <c>customFields</c> holds the recipe-defined fields by name, as the form writes them.
    /// </summary>
    public sealed record OrganisationRequest(
        string? Kind, string? Name, string? Summary, string? Description, List<string>? Sectors, string? Locality, string? Stage, string? TaxCode, string? Website,
        string? TeamOrCompany = null, DateOnly? FoundedOn = null, string? Products = null, int? TeamSize = null, long? FundingRaised = null, string? IncubationStatus = null,
        string? CertificateNumber = null, DateOnly? CertificateDate = null, string? CertificateIssuer = null, string? Technologies = null, decimal? ScienceRevenueShare = null,
        string? ContactEmail = null, string? ContactPhone = null, bool? PublishContact = null, Dictionary<string, string?>? CustomFields = null);

    public sealed record OrganisationResponse(
        string Id, string Kind, string Name, string Slug, string Summary, string? Description, IReadOnlyList<string> Sectors,
        string? Locality, string? Stage, string? TaxCode, string? Website, ProfileStatus Status, string? ReviewComment)
    {
        public string? TeamOrCompany { get; init; }
        public DateOnly? FoundedOn { get; init; }
        public string? Products { get; init; }
        public int? TeamSize { get; init; }
        public long? FundingRaised { get; init; }
        public string? IncubationStatus { get; init; }
        public string? CertificateNumber { get; init; }
        public DateOnly? CertificateDate { get; init; }
        public string? CertificateIssuer { get; init; }
        public string? Technologies { get; init; }
        public decimal? ScienceRevenueShare { get; init; }
        public string? ContactEmail { get; init; }
        public string? ContactPhone { get; init; }
        public bool PublishContact { get; init; }
        public IReadOnlyDictionary<string, string?> CustomFields { get; init; } = new Dictionary<string, string?>();
    }

    public static void MapOrganisationApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/organisations").WithTags("Organisations").RequireAuthorization();
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync).Produces<OrganisationResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapGet("/{id}", GetAsync);
        group.MapPut("/{id}", UpdateAsync).Produces<OrganisationResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/submit", SubmitAsync);
    }

    private static async Task<Ok<List<OrganisationResponse>>> ListAsync(
        ClaimsPrincipal user, UserManager<Account.User> users, OrganisationAccess access, ContentFieldsService contentFields, CancellationToken cancellationToken)
    {
        var owned = await access.ListOwnedAsync(users.GetUserId(user)!, cancellationToken);
        var list = new List<OrganisationResponse>(owned.Count);
        foreach (var o in owned)
        {
            list.Add(ToResponse(o.Type, o.Profile, o.Status, await contentFields.ForAsync(o.Type, cancellationToken)));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<IResult> CreateAsync(
        OrganisationRequest request, ClaimsPrincipal user, UserManager<Account.User> users, ContentManager content, TaxonomyService taxonomies, ContentFieldsService contentFields,
        IStringLocalizer<OrganisationAccess> localizer, CancellationToken cancellationToken)
    {
        if (OrganisationAccess.KindOf(request.Kind) is not { } type)
        {
            return CommandResult.Invalid("kind", "Kind must be \"startup\" or \"enterprise\".").ToProblem(localizer);
        }

        var userId = users.GetUserId(user)!;
        var profile = (DirectoryProfile)type.Create();
        profile.OwnerId = userId;
        var fields = await contentFields.ForAsync(type, cancellationToken);
        var errors = Apply(type, fields, profile, request, required: true, await taxonomies.ExistsAsync(cancellationToken), localizer);
        if (errors is not null)
        {
            return CommandResult.Invalid(errors).ToProblem(localizer);
        }

        await content.CreateAsync(profile, userId, publish: false, cancellationToken);
        return TypedResults.Created($"/api/organisations/{profile.ContentItemId}", ToResponse(type, profile, ProfileStatus.Draft, fields));
    }

    private static async Task<Results<Ok<OrganisationResponse>, NotFound>> GetAsync(
        string id, ClaimsPrincipal user, UserManager<Account.User> users, OrganisationAccess access, ContentFieldsService contentFields, CancellationToken cancellationToken)
    {
        if (await access.FindOwnedAsync(users.GetUserId(user)!, id, cancellationToken) is not var (type, profile))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(ToResponse(type, profile, await access.StatusAsync(type, profile, cancellationToken), await contentFields.ForAsync(type, cancellationToken)));
    }

    private static async Task<IResult> UpdateAsync(
        string id, OrganisationRequest request, ClaimsPrincipal user, UserManager<Account.User> users, OrganisationAccess access, ContentManager content,
        TaxonomyService taxonomies, ContentFieldsService contentFields, IStringLocalizer<OrganisationAccess> localizer, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(user)!;
        if (await access.FindOwnedAsync(userId, id, cancellationToken) is not var (type, _))
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        if (request.Kind is not null && OrganisationAccess.KindOf(request.Kind) != type)
        {
            return CommandResult.Invalid("kind", "The kind of an organisation cannot be changed.").ToProblem(localizer);
        }

        var termExists = await taxonomies.ExistsAsync(cancellationToken);
        var fields = await contentFields.ForAsync(type, cancellationToken);
        Dictionary<string, string>? errors = null;
        var draft = await content.UpdateAsync(type, id, item =>
        {
            errors = Apply(type, fields, (DirectoryProfile)item, request, required: false, termExists, localizer);
            return errors is null;
        }, userId, cancellationToken);
        if (draft is null)
        {
            return CommandResult.Invalid(errors!).ToProblem(localizer);
        }

        var profile = (DirectoryProfile)draft;
        return TypedResults.Ok(ToResponse(type, profile, await access.StatusAsync(type, profile, cancellationToken), fields));
    }

    private static async Task<Results<Ok<OrganisationResponse>, NotFound>> SubmitAsync(
        string id, ClaimsPrincipal user, UserManager<Account.User> users, OrganisationAccess access, ContentManager content, ContentFieldsService contentFields, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(user)!;
        if (await access.FindOwnedAsync(userId, id, cancellationToken) is not var (type, _))
        {
            return TypedResults.NotFound();
        }

        await content.SubmitAsync(type, id, userId, cancellationToken);
        var (_, profile) = (await access.FindOwnedAsync(userId, id, cancellationToken))!.Value;
        return TypedResults.Ok(ToResponse(type, profile, await access.StatusAsync(type, profile, cancellationToken), await contentFields.ForAsync(type, cancellationToken)));
    }

    /// <summary>The profile's changes applied; null when they hold, else the messages (translated) by the API's field names.</summary>
    private static Dictionary<string, string>? Apply(
        ContentTypeDefinition type, IReadOnlyList<ContentField> fields, DirectoryProfile profile, OrganisationRequest request, bool required, Func<string, string, bool> termExists, IStringLocalizer localizer)
    {
        var invariant = CultureInfo.InvariantCulture;
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        // Each field of the request by the content field it sets; a field the kind does not have is refused by name.
        foreach (var (field, value) in new (string Field, string? Value)[]
                 {
                     ("Title", request.Name), ("Summary", request.Summary), ("Description", request.Description), ("Locality", request.Locality),
                     ("TaxCode", request.TaxCode), ("Website", request.Website), ("Stage", request.Stage), ("TeamOrCompany", request.TeamOrCompany),
                     ("FoundedOn", request.FoundedOn is { } founded ? VietnamTime.FormatDate(founded) : null), ("Products", request.Products),
                     ("TeamSize", request.TeamSize?.ToString(invariant)), ("FundingRaised", request.FundingRaised?.ToString(invariant)),
                     ("IncubationStatus", request.IncubationStatus), ("CertificateNumber", request.CertificateNumber),
                     ("CertificateDate", request.CertificateDate is { } certified ? VietnamTime.FormatDate(certified) : null),
                     ("CertificateIssuer", request.CertificateIssuer), ("Technologies", request.Technologies),
                     ("ScienceRevenueShare", request.ScienceRevenueShare?.ToString(invariant)), ("ContactEmail", request.ContactEmail),
                     ("ContactPhone", request.ContactPhone), (DirectoryContact.PublishField, request.PublishContact is { } publish ? (publish ? "true" : "false") : null),
                 })
        {
            if (!fields.Any(f => f.Name == field && !f.IsCustom))
            {
                if (value is not null)
                {
                    errors[ApiName(field)] = field == "Stage"
                        ? localizer["Stage applies to startups only."]
                        : localizer[type == DirectoryContentTypes.Startup ? "This field applies to S&T enterprises only." : "This field applies to startups only."];
                }

                continue;
            }

            if (value is not null || required)
            {
                values[field] = value is null ? [] : [value];
            }
        }

        if (request.Sectors is not null)
        {
            values["Sectors"] = request.Sectors;
        }

        foreach (var (name, value) in request.CustomFields ?? new Dictionary<string, string?>())
        {
            if (fields.FirstOrDefault(f => f.IsCustom && f.Name == name) is null)
            {
                errors[$"customFields.{name}"] = localizer["There is no such field."];
                continue;
            }

            values[name] = value is null ? [] : [value];
        }

        foreach (var error in ContentForm.Apply(fields, profile, values, termExists))
        {
            var custom = fields.Any(f => f.IsCustom && f.Name == error.Field);
            errors[custom ? $"customFields.{error.Field}" : ApiName(error.Field)] = ContentDisplay.Describe(error, localizer);
        }

        return errors.Count > 0 ? errors : null;
    }

    /// <summary>The request's name of a content field: "name" for the title, else the field's name in camel case.</summary>
    private static string ApiName(string field) => field switch { "Title" => "name", var f => char.ToLowerInvariant(f[0]) + f[1..] };

    private static OrganisationResponse ToResponse(ContentTypeDefinition type, DirectoryProfile p, ProfileStatus status, IReadOnlyList<ContentField> fields)
    {
        var startup = p as Startup;
        var enterprise = p as Enterprise;
        return new(
            p.ContentItemId, type.Name, p.Title, p.Slug, p.Summary, p.Description, p.Sectors, p.Locality,
            startup?.Stage, startup?.TaxCode ?? enterprise?.TaxCode, p.Website, status, p.ReviewComment)
        {
            TeamOrCompany = startup?.TeamOrCompany,
            FoundedOn = startup?.FoundedOn,
            Products = startup?.Products,
            TeamSize = startup?.TeamSize,
            FundingRaised = startup?.FundingRaised,
            IncubationStatus = startup?.IncubationStatus.ToString(),
            CertificateNumber = enterprise?.CertificateNumber,
            CertificateDate = enterprise?.CertificateDate,
            CertificateIssuer = enterprise?.CertificateIssuer,
            Technologies = enterprise?.Technologies,
            ScienceRevenueShare = enterprise?.ScienceRevenueShare,
            ContactEmail = p.ContactEmail,
            ContactPhone = p.ContactPhone,
            PublishContact = p.PublishContact,
            CustomFields = fields.Where(f => f.IsCustom).ToDictionary(f => f.Name, f => f.Display(p) is [var first, ..] ? first : null, StringComparer.Ordinal),
        };
    }
}
