using System.Security.Claims;
using Incubator.Core.Results;
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
    public sealed record OrganisationRequest(string? Kind, string? Name, string? Summary, string? Description, List<string>? Sectors, string? Locality, string? Stage, string? TaxCode, string? Website);

    public sealed record OrganisationResponse(
        string Id, string Kind, string Name, string Slug, string Summary, string? Description, IReadOnlyList<string> Sectors,
        string? Locality, string? Stage, string? TaxCode, string? Website, ProfileStatus Status, string? ReviewComment);

    public static void MapOrganisationApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/organisations").WithTags("Organisations").RequireAuthorization();
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync).Produces<OrganisationResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapGet("/{id}", GetAsync);
        group.MapPut("/{id}", UpdateAsync).Produces<OrganisationResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/submit", SubmitAsync);
    }

    private static async Task<Ok<List<OrganisationResponse>>> ListAsync(ClaimsPrincipal user, UserManager<Account.User> users, OrganisationAccess access, CancellationToken cancellationToken)
    {
        var owned = await access.ListOwnedAsync(users.GetUserId(user)!, cancellationToken);
        return TypedResults.Ok(owned.Select(o => ToResponse(o.Type, o.Profile, o.Status)).ToList());
    }

    private static async Task<IResult> CreateAsync(
        OrganisationRequest request, ClaimsPrincipal user, UserManager<Account.User> users, ContentManager content, TaxonomyService taxonomies, IStringLocalizer<OrganisationAccess> localizer, CancellationToken cancellationToken)
    {
        if (OrganisationAccess.KindOf(request.Kind) is not { } type)
        {
            return CommandResult.Invalid("kind", "Kind must be \"startup\" or \"enterprise\".").ToProblem(localizer);
        }

        var userId = users.GetUserId(user)!;
        var profile = (DirectoryProfile)type.Create();
        profile.OwnerId = userId;
        var errors = Apply(type, profile, request, required: true, await taxonomies.ExistsAsync(cancellationToken), localizer);
        if (errors is not null)
        {
            return CommandResult.Invalid(errors).ToProblem(localizer);
        }

        await content.CreateAsync(profile, userId, publish: false, cancellationToken);
        return TypedResults.Created($"/api/organisations/{profile.ContentItemId}", ToResponse(type, profile, ProfileStatus.Draft));
    }

    private static async Task<Results<Ok<OrganisationResponse>, NotFound>> GetAsync(string id, ClaimsPrincipal user, UserManager<Account.User> users, OrganisationAccess access, CancellationToken cancellationToken)
    {
        if (await access.FindOwnedAsync(users.GetUserId(user)!, id, cancellationToken) is not var (type, profile))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(ToResponse(type, profile, await access.StatusAsync(type, profile, cancellationToken)));
    }

    private static async Task<IResult> UpdateAsync(
        string id, OrganisationRequest request, ClaimsPrincipal user, UserManager<Account.User> users, OrganisationAccess access, ContentManager content,
        TaxonomyService taxonomies, IStringLocalizer<OrganisationAccess> localizer, CancellationToken cancellationToken)
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
        Dictionary<string, string>? errors = null;
        var draft = await content.UpdateAsync(type, id, item =>
        {
            errors = Apply(type, (DirectoryProfile)item, request, required: false, termExists, localizer);
            return errors is null;
        }, userId, cancellationToken);
        if (draft is null)
        {
            return CommandResult.Invalid(errors!).ToProblem(localizer);
        }

        var profile = (DirectoryProfile)draft;
        return TypedResults.Ok(ToResponse(type, profile, await access.StatusAsync(type, profile, cancellationToken)));
    }

    private static async Task<Results<Ok<OrganisationResponse>, NotFound>> SubmitAsync(string id, ClaimsPrincipal user, UserManager<Account.User> users, OrganisationAccess access, ContentManager content, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(user)!;
        if (await access.FindOwnedAsync(userId, id, cancellationToken) is not var (type, _))
        {
            return TypedResults.NotFound();
        }

        await content.SubmitAsync(type, id, userId, cancellationToken);
        var (_, profile) = (await access.FindOwnedAsync(userId, id, cancellationToken))!.Value;
        return TypedResults.Ok(ToResponse(type, profile, await access.StatusAsync(type, profile, cancellationToken)));
    }

    /// <summary>The profile's changes applied; null when they hold, else the messages (translated) by the API's field names.</summary>
    private static Dictionary<string, string>? Apply(
        ContentTypeDefinition type, DirectoryProfile profile, OrganisationRequest request, bool required, Func<string, string, bool> termExists, IStringLocalizer localizer)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>();
        void Put(string field, string? value)
        {
            if (value is not null || required)
            {
                values[field] = value is null ? [] : [value];
            }
        }

        Put("Title", request.Name);
        Put("Summary", request.Summary);
        Put("Description", request.Description);
        Put("Locality", request.Locality);
        Put("TaxCode", request.TaxCode);
        Put("Website", request.Website);
        if (request.Sectors is not null)
        {
            values["Sectors"] = request.Sectors;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Stage is not null)
        {
            if (type == DirectoryContentTypes.Startup)
            {
                values["Stage"] = [request.Stage];
            }
            else
            {
                errors["stage"] = localizer["Stage applies to startups only."];
            }
        }

        foreach (var error in ContentForm.Apply(type.Fields, profile, values, termExists))
        {
            var key = error.Field switch { "Title" => "name", var f => char.ToLowerInvariant(f[0]) + f[1..] };
            errors[key] = ContentDisplay.Describe(error, localizer);
        }

        return errors.Count > 0 ? errors : null;
    }

    private static OrganisationResponse ToResponse(ContentTypeDefinition type, DirectoryProfile p, ProfileStatus status) => new(
        p.ContentItemId, type.Name, p.Title, p.Slug, p.Summary, p.Description, p.Sectors, p.Locality,
        (p as Startup)?.Stage, (p as Startup)?.TaxCode ?? (p as Enterprise)?.TaxCode, p.Website, status, p.ReviewComment);
}
