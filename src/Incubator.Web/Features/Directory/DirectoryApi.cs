using Incubator.Web.Features.Content;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incubator.Web.Features.Directory;

internal static class DirectoryApi
{
    public sealed record DirectoryItem(string Id, string Slug, string Title, string Summary, IReadOnlyList<string> Sectors, string? Locality, string Url);

    public sealed record DirectoryList(int Total, IReadOnlyList<DirectoryItem> Items);

    public sealed record DirectoryDetail(string Id, string Type, string Slug, string Title, string Summary, IReadOnlyList<string> Sectors, string? Locality, string Url, IReadOnlyDictionary<string, object?> Fields);

    public static void MapDirectoryApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/directory").WithTags("Directory");
        group.MapGet("/{type}", ListAsync);
        group.MapGet("/{type}/{slug}", DetailAsync);
    }

    private static async Task<Results<Ok<DirectoryList>, NotFound, ValidationProblem>> ListAsync(
        string type, string? sector, string? locality, string? stage, int? page, int? pageSize, DirectoryQueries directory, CancellationToken cancellationToken)
    {
        if (directory.TypeAt(type) is not { } definition)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
        {
            errors["page"] = ["page must be 1 or more."];
        }

        if (pageSize is < 1 or > DirectoryFilter.MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be from 1 to {DirectoryFilter.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await directory.ListAsync(definition, new DirectoryFilter(sector, locality, stage, page ?? 1, pageSize ?? 20), cancellationToken);
        return TypedResults.Ok(new DirectoryList(result.Total, [.. result.Items.Select(p => new DirectoryItem(p.ContentItemId, p.Slug, p.Title, p.Summary, p.Sectors, p.Locality, definition.PublicUrl(p.Slug)))]));
    }

    private static async Task<Results<Ok<DirectoryDetail>, NotFound>> DetailAsync(string type, string slug, DirectoryQueries directory, ContentFieldsService contentFields, CancellationToken cancellationToken)
    {
        if (directory.TypeAt(type) is not { } definition || await directory.BySlugAsync(definition, slug, cancellationToken) is not { } profile)
        {
            return TypedResults.NotFound();
        }

        var fields = (await contentFields.ForAsync(definition, cancellationToken)).Where(f => DirectoryContact.IsShown(f, profile)).ToDictionary(f => char.ToLowerInvariant(f.Name[0]) + f.Name[1..], f => f.Get(profile));
        return TypedResults.Ok(new DirectoryDetail(profile.ContentItemId, definition.Name, profile.Slug, profile.Title, profile.Summary, profile.Sectors, profile.Locality, definition.PublicUrl(profile.Slug), fields));
    }

}
