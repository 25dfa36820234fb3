using System.Security.Claims;
using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.People;

/// <summary>People over JSON, for staff only: create, list, read, change and merge.</summary>
internal static class PeopleApi
{
    /// <summary>
    /// A person as the API takes it; a change (PUT) replaces every field, so a field left out becomes empty. Roles are
    /// founder, co-founder, ceo, team-member, contact-person, adviser or investor; <c>consent</c> records a consent to
    /// newsletters given or withdrawn, its source one of registration, import (with a basis), staff or account.
    /// </summary>
    public sealed record PersonRequest(
        string? FullName, List<string>? Emails = null, List<string>? Phones = null, string? Gender = null, int? BirthYear = null, string? Locality = null,
        List<string>? Tags = null, List<PersonLinkInput>? Links = null, ConsentInput? Consent = null, string? Title = null, string? Notes = null);

    public sealed record PersonLinkResponse(string OrganisationId, string Role, DateOnly? From, DateOnly? To);

    public sealed record PersonResponse(
        string Id, string FullName, string? Title, IReadOnlyList<string> Emails, IReadOnlyList<string> Phones, string? Gender, int? BirthYear,
        string? Locality, IReadOnlyList<string> Tags, string? Notes, IReadOnlyList<PersonLinkResponse> Links, bool Newsletter, string? UserId);

    public sealed record PersonPage(int Total, int Page, int PageSize, IReadOnlyList<PersonResponse> Items);

    public static void MapPeopleApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/people").WithTags("People").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync).Produces<PersonPage>();
        group.MapPost("/", CreateAsync).Produces<PersonResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetAsync).Produces<PersonResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", UpdateAsync).Produces<PersonResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/merge", MergeAsync).Produces<PersonResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(
        string? q, string? organisation, string? tag, int? page, IncubatorDbContext db, CancellationToken cancellationToken)
    {
        var number = Math.Max(1, page ?? 1);
        var (people, total) = await PeopleQuery.PageAsync(db, q, organisation, tag, number, cancellationToken);
        var newsletter = await NewsletterAsync(db, [.. people.Select(p => p.Id)], cancellationToken);
        return TypedResults.Ok(new PersonPage(total, number, PeopleQuery.PageSize, [.. people.Select(p => ToResponse(p, newsletter.Contains(p.Id)))]));
    }

    private static async Task<IResult> CreateAsync(
        PersonRequest request, ClaimsPrincipal user, UserManager<User> users, SavePerson save, RecordConsent consents, IncubatorDbContext db,
        IStringLocalizer<SavePerson> localizer, CancellationToken cancellationToken) =>
        await SaveAsync(null, request, user, users, save, consents, db, localizer, cancellationToken);

    private static async Task<IResult> UpdateAsync(
        string id, PersonRequest request, ClaimsPrincipal user, UserManager<User> users, SavePerson save, RecordConsent consents, IncubatorDbContext db,
        IStringLocalizer<SavePerson> localizer, CancellationToken cancellationToken) =>
        await SaveAsync(id, request, user, users, save, consents, db, localizer, cancellationToken);

    private static async Task<IResult> GetAsync(string id, IncubatorDbContext db, IStringLocalizer<SavePerson> localizer, CancellationToken cancellationToken)
    {
        // A merged record's id still answers, with the person it was merged into (whose id the answer carries).
        var pointer = await db.Set<Person>().Where(p => p.Id == id).Select(p => new { p.MergedIntoId }).FirstOrDefaultAsync(cancellationToken);
        if (pointer is null)
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        return await ReadAsync(db, pointer.MergedIntoId ?? id, cancellationToken) is { } person
            ? TypedResults.Ok(person)
            : CommandResult.NotFound().ToProblem(localizer);
    }

    private static async Task<IResult> MergeAsync(
        string id, MergePeopleRequest request, ClaimsPrincipal user, UserManager<User> users, MergePeople merge, IncubatorDbContext db,
        IStringLocalizer<SavePerson> localizer, CancellationToken cancellationToken)
    {
        var result = await merge.MergeAsync(id, request.OtherId, users.GetUserId(user), cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(await ReadAsync(db, id, cancellationToken))
            : result.ToProblem(localizer);
    }

    private static async Task<IResult> SaveAsync(
        string? id, PersonRequest request, ClaimsPrincipal user, UserManager<User> users, SavePerson save, RecordConsent consents, IncubatorDbContext db,
        IStringLocalizer<SavePerson> localizer, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(user);
        PersonConsent? consent = null;
        Dictionary<string, string>? consentErrors = null;
        if (request.Consent is { } given)
        {
            (consent, consentErrors) = RecordConsent.Check(given, "consent.");
        }

        if (consentErrors is not null)
        {
            return CommandResult.Invalid(consentErrors).ToProblem(localizer);
        }

        var input = new PersonInput(request.FullName, request.Emails, request.Phones, request.Gender, request.BirthYear, request.Locality, request.Tags, request.Links, request.Title, request.Notes);
        var (result, duplicates) = await save.SaveAsync(id, input, userId, allowNamesake: false, ignoreDuplicates: false, cancellationToken);
        if (!result.Succeeded)
        {
            var extensions = duplicates.Count == 0 ? null : new Dictionary<string, object?>
            {
                ["existingId"] = duplicates[0].Id,
                ["duplicates"] = duplicates.Select(d => new { d.Id, d.FullName, d.Rule }).ToList(),
            };
            return result.ToProblem(localizer, extensions);
        }

        var person = result.Value!;
        if (consent is not null)
        {
            consents.Add(person.Id, consent, userId);
            await db.SaveChangesAsync(cancellationToken);
        }

        var response = await ReadAsync(db, person.Id, cancellationToken);
        return id is null ? TypedResults.Created($"/api/people/{person.Id}", response) : TypedResults.Ok(response);
    }

    private static async Task<PersonResponse?> ReadAsync(IncubatorDbContext db, string id, CancellationToken cancellationToken)
    {
        var person = await db.Set<Person>().AsNoTracking().Include(p => p.Contacts).Include(p => p.Links).FirstOrDefaultAsync(p => p.Id == id && p.MergedIntoId == null, cancellationToken);
        return person is null ? null : ToResponse(person, (await NewsletterAsync(db, [id], cancellationToken)).Contains(id));
    }

    /// <summary>Which of these people's newest newsletter consent is a given one.</summary>
    internal static async Task<HashSet<string>> NewsletterAsync(IncubatorDbContext db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var rows = await db.Set<PersonConsent>().AsNoTracking().Where(c => ids.Contains(c.PersonId) && c.Purpose == PersonConsent.Newsletter)
            .Select(c => new { c.PersonId, c.Given, c.AtUtc, c.Id }).ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.PersonId).Where(g => g.OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id).First().Given).Select(g => g.Key)];
    }

    private static PersonResponse ToResponse(Person p, bool newsletter) => new(
        p.Id, p.FullName, p.Title,
        [.. p.Contacts.Where(c => c.Kind == PersonContactKind.Email).OrderBy(c => c.Id).Select(c => c.Value)],
        [.. p.Contacts.Where(c => c.Kind == PersonContactKind.Phone).OrderBy(c => c.Id).Select(c => c.Value)],
        p.Gender is { } gender ? PersonCodes.Code(gender) : null, p.BirthYear, p.Locality, p.Tags, p.Notes,
        [.. p.Links.OrderBy(l => l.Id).Select(l => new PersonLinkResponse(l.OrganisationId, PersonCodes.Code(l.Role), l.From, l.To))],
        newsletter, p.UserId);
}
