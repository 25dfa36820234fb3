using System.Globalization;
using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Taxonomies;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>One question of the registration form as the page draws it: its field, label, current values and message.</summary>
internal sealed record QuestionView(FormField Field, string Label, IReadOnlyList<string> Values, string? Error);

/// <summary>
/// The public page of an event (<c>/events/{slug}</c>): what, when, where, the seats left, "add to calendar", and the
/// registration form while registration is open to the visitor. Signed-in people register at once (their name and
/// e-mail from their account); an anonymous visitor gets an e-mail to confirm. Throttled like the other public forms.
/// </summary>
[EnableRateLimiting(Infrastructure.RateLimitPolicies.ConfirmationEmail)]
internal sealed class ShowModel(
    IncubatorDbContext db, EventCommands events, EventSeatsReader seats, RegistrationCommands commands, RegistrationNotices notices, OrganisationAccess organisations,
    TaxonomyService taxonomies, UserManager<User> users, TimeProvider clock, IStringLocalizer<ShowModel> localizer) : PageModel
{
    public Event Item { get; private set; } = null!;
    public string KindName { get; private set; } = string.Empty;
    public string? LocalityName { get; private set; }
    public int Taken { get; private set; }
    public int? SeatsLeft => Item.Capacity is { } capacity ? Math.Max(0, capacity - Taken) : null;
    public bool Full => SeatsLeft == 0;
    public bool Started { get; private set; }

    /// <summary>Why the visitor cannot register now (the window, the audience); null while the form is shown.</summary>
    public string? Closed { get; private set; }

    public bool SignedIn { get; private set; }

    /// <summary>The signed-in person's own registration for this event that is not cancelled, if any: the page links to its ticket.</summary>
    public EventRegistration? Existing { get; private set; }

    public string TicketPath(string id) => notices.TicketPath(id);
    public List<(string Id, string Title)> Organisations { get; } = [];
    public List<QuestionView> Questions { get; } = [];

    /// <summary>An anonymous visitor's registration was taken: the page asks them to confirm it from their e-mail.</summary>
    public bool Sent { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? OrganisationId { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (SignedIn && users.GetUserId(User) is { } userId)
        {
            Email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
            Name = await db.Set<People.Person>().AsNoTracking().Where(p => p.UserId == userId && p.MergedIntoId == null).OrderBy(p => p.Id).Select(p => p.FullName).FirstOrDefaultAsync(cancellationToken)
                ?? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        }

        Describe(null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        var read = ApplicationFormInput.Read(Item.Questions, Request.Form, _ => true);
        if (read.Errors.Count > 0)
        {
            foreach (var (key, message) in read.Errors)
            {
                ModelState.AddModelError("answers." + key, localizer[message]);
            }

            Describe(read.Answers);
            return Page();
        }

        var result = await commands.RegisterAsync(slug, new RegistrationInput(Name, Email, Phone, read.Answers, OrganisationId), users.GetUserId(User), cancellationToken);
        if (!result.Succeeded)
        {
            if (result.Detail is { } detail)
            {
                ModelState.AddModelError(string.Empty, localizer[detail]);
            }

            foreach (var (field, message) in result.Errors)
            {
                // The command names fields as the API does ("email"); the form's inputs are the page's properties ("Email").
                var key = field.StartsWith(ApplicationFormInput.Prefix, StringComparison.Ordinal) ? field : char.ToUpperInvariant(field[0]) + field[1..];
                ModelState.AddModelError(key, localizer[message]);
            }

            Describe(read.Answers);
            Response.StatusCode = result.Status switch
            {
                CommandStatus.Conflict => StatusCodes.Status409Conflict,
                CommandStatus.Forbidden => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status400BadRequest,
            };
            return Page();
        }

        var registration = result.Value!.Registration;
        if (registration.Status == RegistrationStatus.PendingConfirmation)
        {
            Sent = true;
            Describe(null);
            return Page();
        }

        return Redirect(notices.TicketPath(registration.Id));
    }

    /// <summary>The message of a field, if the last post refused it.</summary>
    public string? Error(string field) => ModelState.TryGetValue(field, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var item = await events.PublishedAsync(slug, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        var now = clock.GetUtcNow().UtcDateTime;
        Started = now >= item.StartsUtc;
        Taken = (await seats.TakenAsync([item.ContentItemId], cancellationToken)).GetValueOrDefault(item.ContentItemId);
        KindName = await taxonomies.NameAsync(EventKinds.Taxonomy, item.Kind, cancellationToken);
        LocalityName = item.Locality is null ? null : await taxonomies.NameAsync(TaxonomyTerm.Localities, item.Locality, cancellationToken);
        var userId = users.GetUserId(User);
        SignedIn = userId is not null;
        Closed = RegistrationCommands.WindowProblem(item, now) ?? await commands.AudienceProblemAsync(item, userId, cancellationToken);
        if (userId is not null)
        {
            Existing = await db.Set<EventRegistration>().AsNoTracking()
                .FirstOrDefaultAsync(r => r.EventId == item.ContentItemId && r.UserId == userId && r.Status != RegistrationStatus.Cancelled, cancellationToken);
            foreach (var (_, profile, _) in await organisations.ListOwnedAsync(userId, cancellationToken))
            {
                Organisations.Add((profile.ContentItemId, profile.Title));
            }
        }

        return true;
    }

    private void Describe(Dictionary<string, System.Text.Json.JsonElement>? answers)
    {
        var culture = CultureInfo.CurrentUICulture;
        foreach (var field in Item.Questions)
        {
            IReadOnlyList<string> values = [];
            if (HttpMethods.IsPost(Request.Method) && Request.HasFormContentType && Request.Form.TryGetValue(ApplicationFormInput.Prefix + field.Key, out var posted))
            {
                values = [.. posted.Where(v => v is not null).Select(v => v!)];
            }
            else if (answers is not null && answers.TryGetValue(field.Key, out var answer))
            {
                values = ApplicationFormInput.ToInput(field, answer);
            }

            Questions.Add(new QuestionView(field, field.Label.For(culture), values, Error("answers." + field.Key)));
        }
    }
}
