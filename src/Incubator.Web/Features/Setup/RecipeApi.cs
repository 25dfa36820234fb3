using System.Text;
using Incubator.Recipes;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Setup;

/// <summary>
/// Recipes over JSON for staff: <c>POST /api/recipes/runs</c> with the recipe as the body checks it and starts it in
/// the background (202; 400 naming the step and field when refused; 409 while another recipe runs), and
/// <c>GET /api/recipes/runs/current</c> shows how the current or last run stands.
/// </summary>
internal static class RecipeApi
{
    public const long MaxBytes = 2 * 1024 * 1024;

    public sealed record RunResponse(string Status, string? Recipe, int Step, int Steps, string? StepName, string? Message, DateTime? StartedUtc, DateTime? FinishedUtc, int Changed)
    {
        public static RunResponse From(RecipeJobState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            return new(state.Status.ToString(), state.Recipe, state.Step, state.Steps, state.StepName, state.Message, state.StartedUtc, state.FinishedUtc, state.Changed);
        }
    }

    public static void MapRecipeApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/recipes/runs").WithTags("Recipes").RequireAuthorization(Policies.Staff);
        group.MapGet("/current", (RecipeJobs jobs) => TypedResults.Ok(RunResponse.From(jobs.State)));
        group.MapPost("/", StartAsync);
    }

    private static async Task<Results<Accepted<RunResponse>, ProblemHttpResult>> StartAsync(
        HttpRequest request, RecipeRunner runner, RecipeJobs jobs, IAuthorizationService authorization, PermissionGrants grants, IStringLocalizer<RecipeJobs> localizer, CancellationToken cancellationToken)
    {
        // Only a JSON body: a page on another site can post text/plain with the user's cookie, but not JSON without asking.
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(localizer["Send the recipe itself as the body, with Content-Type: application/json."], statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return TypedResults.Problem(localizer["The recipe is larger than 2 MB."], statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        string json;
        try
        {
            json = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.ToArray()).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return TypedResults.Problem(localizer["The body is not UTF-8 text."], statusCode: StatusCodes.Status400BadRequest);
        }

        Recipe recipe;
        try
        {
            recipe = await runner.CheckAsync(json, null, cancellationToken);
            var administrator = (await authorization.AuthorizeAsync(request.HttpContext.User, Policies.Administration)).Succeeded;
            if (await grants.RefuseChangesAsync(recipe, administrator, cancellationToken) is { } refusal)
            {
                throw refusal;
            }
        }
        catch (RecipeException ex)
        {
            return TypedResults.Problem(RecipeMessages.Describe(ex, localizer), statusCode: StatusCodes.Status400BadRequest, title: localizer["The recipe was refused; nothing was changed."],
                extensions: new Dictionary<string, object?> { ["step"] = ex.StepNumber == 0 ? null : ex.StepNumber, ["stepName"] = ex.StepName, ["field"] = ex.Field });
        }

        if (!jobs.TryStart(recipe, json))
        {
            return TypedResults.Problem(localizer["Another recipe ({0}) is running; start this one when it has ended.", jobs.State.Recipe ?? string.Empty], statusCode: StatusCodes.Status409Conflict,
                title: localizer["A recipe is already running."]);
        }

        return TypedResults.Accepted("/api/recipes/runs/current", RunResponse.From(jobs.State));
    }
}
