using System.Security.Claims;
using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mailings;

/// <summary>Segments and mailings over JSON, for staff. The unsubscribe link is a page (<see cref="UnsubscribeModel"/>).</summary>
internal static class MailingsApi
{
    public sealed record SegmentRequest(string? Name, SegmentFilter? Filter);

    public sealed record SegmentResponse(string Id, string Name, SegmentFilter Filter, int Members);

    public sealed record MemberResponse(string PersonId, string Name, string? Email, string? OrganisationId, string? Organisation);

    public sealed record MembersResponse(int Total, int Page, int PageSize, IReadOnlyList<MemberResponse> Items);

    public sealed record LocalisedText(string? Vi, string? En);

    public sealed record MailingRequest(string? SegmentId, LocalisedText? Subject, LocalisedText? Body);

    public sealed record MailingResponse(
        string Id, string SegmentId, LocalisedText Subject, LocalisedText Body, MailingStatus Status, int Recipients, int Pending, int Queued, int Sent, int Failed, int Unsubscribed);

    public sealed record SendResponse(string Id, int Recipients);

    public const int PageSize = 100;

    public static void MapMailingsApi(this IEndpointRouteBuilder endpoints)
    {
        var segments = endpoints.MapGroup("/api/segments").WithTags("Segments").RequireAuthorization(Policies.Staff);
        segments.MapPost("/", CreateSegmentAsync).Produces<SegmentResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        segments.MapGet("/{id}", GetSegmentAsync).Produces<SegmentResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        segments.MapGet("/{id}/members", MembersAsync).Produces<MembersResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        var mailings = endpoints.MapGroup("/api/mailings").WithTags("Mailings").RequireAuthorization(Policies.Staff);
        mailings.MapPost("/", CreateMailingAsync).Produces<MailingResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        mailings.MapGet("/{id}", GetMailingAsync).Produces<MailingResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        mailings.MapPost("/{id}/send", SendAsync).Produces<SendResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> CreateSegmentAsync(
        SegmentRequest request, ClaimsPrincipal user, UserManager<User> users, SaveSegment save, SegmentMembers members, IStringLocalizer<SaveSegment> localizer, CancellationToken cancellationToken)
    {
        var result = await save.SaveAsync(null, request.Name, request.Filter, users.GetUserId(user), cancellationToken);
        return await result.RespondAsync(localizer, async segment =>
            TypedResults.Created($"/api/segments/{segment.Id}", await SegmentAsync(segment, members, cancellationToken)));
    }

    private static async Task<IResult> GetSegmentAsync(string id, IncubatorDbContext db, SegmentMembers members, IStringLocalizer<SaveSegment> localizer, CancellationToken cancellationToken) =>
        await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is { } segment
            ? TypedResults.Ok(await SegmentAsync(segment, members, cancellationToken))
            : CommandResult.NotFound().ToProblem(localizer);

    private static async Task<IResult> MembersAsync(
        string id, int? page, IncubatorDbContext db, SegmentMembers members, IStringLocalizer<SaveSegment> localizer, CancellationToken cancellationToken)
    {
        if (await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } segment)
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        var number = Math.Max(1, page ?? 1);
        var (rows, total) = await members.PageAsync(SegmentFilter.FromJson(segment.FilterJson), number, PageSize, cancellationToken);
        return TypedResults.Ok(new MembersResponse(total, number, PageSize, [.. rows.Select(r => new MemberResponse(r.PersonId, r.Name, r.Email, r.OrganisationId, r.Organisation))]));
    }

    private static async Task<IResult> CreateMailingAsync(
        MailingRequest request, ClaimsPrincipal user, UserManager<User> users, CreateMailing create, IncubatorDbContext db, IStringLocalizer<CreateMailing> localizer, CancellationToken cancellationToken)
    {
        var texts = new CreateMailing.Texts(request.SegmentId, request.Subject?.Vi, request.Subject?.En, request.Body?.Vi, request.Body?.En);
        var result = await create.SaveAsync(null, texts, users.GetUserId(user), cancellationToken);
        return await result.RespondAsync(localizer, async mailing =>
            TypedResults.Created($"/api/mailings/{mailing.Id}", await MailingAsync(db, mailing, cancellationToken)));
    }

    private static async Task<IResult> GetMailingAsync(string id, IncubatorDbContext db, IStringLocalizer<CreateMailing> localizer, CancellationToken cancellationToken) =>
        await db.Set<Mailing>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is { } mailing
            ? TypedResults.Ok(await MailingAsync(db, mailing, cancellationToken))
            : CommandResult.NotFound().ToProblem(localizer);

    private static async Task<IResult> SendAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, SendMailing send, IStringLocalizer<SendMailing> localizer, CancellationToken cancellationToken)
    {
        var result = await send.SendAsync(id, users.GetUserId(user), cancellationToken);
        return await result.RespondAsync(localizer, count => Task.FromResult<IResult>(TypedResults.Ok(new SendResponse(id, count))));
    }

    private static async Task<SegmentResponse> SegmentAsync(Segment segment, SegmentMembers members, CancellationToken cancellationToken)
    {
        var filter = SegmentFilter.FromJson(segment.FilterJson);
        return new SegmentResponse(segment.Id, segment.Name, filter, await members.CountAsync(filter, cancellationToken));
    }

    private static async Task<MailingResponse> MailingAsync(IncubatorDbContext db, Mailing mailing, CancellationToken cancellationToken)
    {
        var progress = await MailingProgress.ReadAsync(db, mailing.Id, cancellationToken);
        return new MailingResponse(
            mailing.Id, mailing.SegmentId, new LocalisedText(mailing.SubjectVi, mailing.SubjectEn), new LocalisedText(mailing.BodyVi, mailing.BodyEn), mailing.Status,
            progress.Recipients, progress.Pending, progress.Queued, progress.Sent, progress.Failed, progress.Unsubscribed);
    }
}
