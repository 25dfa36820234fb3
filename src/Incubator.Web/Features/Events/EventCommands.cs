using Incubator.Core.Content;
using Incubator.Core.Results;
using Incubator.Core.Text;
using Incubator.Web.Data;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Mailings;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Events;

/// <summary>An event as staff send it (the API, the back office's form, a recipe). Times without an offset are Vietnam time.</summary>
internal sealed record EventInput(
    string? Slug,
    string? TitleVi,
    string? TitleEn,
    string? Kind,
    string? Description,
    string? StartsAt,
    string? EndsAt,
    string? Place,
    string? Locality,
    string? OnlineUrl,
    string? Organiser,
    int? Capacity,
    string? RegistrationOpensAt,
    string? RegistrationClosesAt,
    string? Audience,
    IReadOnlyList<FormField>? Questions,
    string? FeeNote,
    string? ProgrammeKey,
    bool? Published);

/// <summary>What another part of the feature does once staff changed an event (e.g. give new seats to the waitlist).</summary>
internal interface IEventUpdated
{
    Task UpdatedAsync(Event item, CancellationToken cancellationToken);
}

/// <summary>
/// Creates and changes events. Every rule is checked before anything is saved and refused beside its field (keyed as the
/// API's JSON names it); a change makes a new draft version and publishes it when asked, as for every content type.
/// </summary>
internal sealed class EventCommands(IncubatorDbContext db, ContentManager content, TaxonomyService taxonomies, IEnumerable<IEventUpdated> updated)
{
    public const int MaxCapacity = 100_000;
    public const int MaxQuestions = 30;
    public static readonly TimeSpan LongestEvent = TimeSpan.FromDays(31);

    public async Task<CommandResult<Event>> CreateAsync(EventInput input, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = await ValidateAsync(input, null, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<Event>();
        }

        var item = new Event();
        Apply(input, item);
        try
        {
            await content.CreateAsync(item, userId, input.Published ?? false, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another event took this address at the same time (the unique index on latest slugs).
            db.ChangeTracker.Clear();
            return CommandResult.Invalid("slug", "Another event already uses this address.").As<Event>();
        }

        return CommandResult.Ok(item);
    }

    /// <summary>Changes the event at <paramref name="slug"/> (its latest version); a slug in the input renames it.</summary>
    public async Task<CommandResult<Event>> UpdateAsync(string slug, EventInput input, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var existing = await LatestAsync(slug, cancellationToken);
        if (existing is null)
        {
            return CommandResult.NotFound().As<Event>();
        }

        var errors = await ValidateAsync(input, existing, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<Event>();
        }

        var draft = (Event?)await content.UpdateAsync(EventContentTypes.Event, existing.ContentItemId, item =>
        {
            Apply(input with { Slug = string.IsNullOrWhiteSpace(input.Slug) ? existing.Slug : input.Slug }, (Event)item);
            return true;
        }, userId, cancellationToken);
        if (input.Published == true)
        {
            await content.PublishAsync(EventContentTypes.Event, existing.ContentItemId, userId, cancellationToken: cancellationToken);
        }
        else if (input.Published == false && await db.Set<Event>().AnyAsync(e => e.ContentItemId == existing.ContentItemId && e.Published, cancellationToken))
        {
            // The published version may be an older one under this draft: unticking takes that one off the site.
            await content.UnpublishAsync(EventContentTypes.Event, existing.ContentItemId, userId, cancellationToken);
        }

        var latest = await LatestAsync(existing.ContentItemId, cancellationToken) ?? draft!;
        foreach (var hook in updated)
        {
            await hook.UpdatedAsync(latest, cancellationToken);
        }

        return CommandResult.Ok(latest);
    }

    /// <summary>The latest version of the event with this slug or content item id, not deleted.</summary>
    public Task<Event?> LatestAsync(string slugOrId, CancellationToken cancellationToken) =>
        db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => (e.Slug == slugOrId || e.ContentItemId == slugOrId) && e.Latest && e.DeletedUtc == null, cancellationToken);

    /// <summary>The published version of the event with this slug, not deleted.</summary>
    public Task<Event?> PublishedAsync(string slug, CancellationToken cancellationToken) =>
        db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Slug == slug && e.Published && e.DeletedUtc == null, cancellationToken);

    /// <summary>Addresses under /events that are pages of their own (the feed is /events/calendar.ics), so no event may take them.</summary>
    public static readonly IReadOnlyList<string> ReservedSlugs = ["calendar"];

    private static void Apply(EventInput input, Event item)
    {
        var slug = Core.Text.Slug.From(string.IsNullOrWhiteSpace(input.Slug) ? input.TitleVi : input.Slug);
        item.Slug = ReservedSlugs.Contains(slug) ? "su-kien-" + slug : string.IsNullOrWhiteSpace(input.Slug) ? string.Empty : slug;
        item.Title = input.TitleVi!.Trim();
        item.TitleEn = Trimmed(input.TitleEn);
        item.Kind = input.Kind!.Trim();
        item.Description = Trimmed(input.Description);
        item.StartsUtc = ParseTime(input.StartsAt)!.Value;
        item.EndsUtc = ParseTime(input.EndsAt)!.Value;
        item.Place = Trimmed(input.Place);
        item.Locality = Trimmed(input.Locality);
        item.OnlineUrl = Trimmed(input.OnlineUrl);
        item.Organiser = Trimmed(input.Organiser);
        item.Capacity = input.Capacity;
        item.RegistrationOpensUtc = ParseTime(input.RegistrationOpensAt);
        item.RegistrationClosesUtc = ParseTime(input.RegistrationClosesAt);
        var (audience, key) = ParseAudience(input.Audience)!.Value;
        item.Audience = audience;
        item.AudienceKey = key;
        item.QuestionsJson = System.Text.Json.JsonSerializer.Serialize(input.Questions ?? [], ProgrammeJson.Options);
        item.FeeNote = Trimmed(input.FeeNote);
        item.ProgrammeKey = Trimmed(input.ProgrammeKey);
    }

    private async Task<Dictionary<string, string>> ValidateAsync(EventInput input, Event? existing, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var isTerm = await taxonomies.ExistsAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(input.TitleVi))
        {
            errors["title.vi"] = "Give the event's title in Vietnamese.";
        }
        else if (input.TitleVi.Trim().Length > Event.MaxText)
        {
            errors["title.vi"] = FormattedMessage.Create("At most {0} characters.", Event.MaxText);
        }

        if (input.TitleEn?.Trim().Length > Event.MaxText)
        {
            errors["title.en"] = FormattedMessage.Create("At most {0} characters.", Event.MaxText);
        }

        if (!string.IsNullOrWhiteSpace(input.Slug))
        {
            var slug = Core.Text.Slug.From(input.Slug);
            if (slug.Length == 0 || !string.Equals(slug, input.Slug.Trim(), StringComparison.Ordinal))
            {
                errors["slug"] = "An address is lower-case letters, digits and hyphens, e.g. tap-huan-khoi-nghiep-2027.";
            }
            else if (ReservedSlugs.Contains(slug))
            {
                errors["slug"] = "This address is taken by a page of the site; choose another.";
            }
            else if (await db.Set<Event>().AnyAsync(
                e => e.Slug == slug && e.DeletedUtc == null && (e.Latest || e.Published) && e.ContentItemId != (existing == null ? "" : existing.ContentItemId), cancellationToken))
            {
                errors["slug"] = "Another event already uses this address.";
            }
        }

        var kind = input.Kind?.Trim();
        if (string.IsNullOrEmpty(kind) || !(EventKinds.All.Contains(kind) || isTerm(EventKinds.Taxonomy, kind)))
        {
            errors["kind"] = FormattedMessage.Create("Choose the kind of event: {0}.", string.Join(", ", EventKinds.All));
        }

        CheckLength(errors, "description", input.Description, Event.MaxDescription);
        CheckLength(errors, "place", input.Place, Event.MaxText);
        CheckLength(errors, "organiser", input.Organiser, Event.MaxText);
        CheckLength(errors, "feeNote", input.FeeNote, Event.MaxText);

        var starts = ParseTime(input.StartsAt);
        var ends = ParseTime(input.EndsAt);
        if (starts is null)
        {
            errors["startsAt"] = "Give the start as a date and time, e.g. 2027-03-10T08:00.";
        }

        if (ends is null)
        {
            errors["endsAt"] = "Give the end as a date and time, e.g. 2027-03-10T17:00.";
        }
        else if (starts is { } s && ends is { } e)
        {
            if (e <= s)
            {
                errors["endsAt"] = "The end must be after the start.";
            }
            else if (e - s > LongestEvent)
            {
                errors["endsAt"] = "An event lasts at most 31 days.";
            }
        }

        var opens = ParseTime(input.RegistrationOpensAt);
        var closes = ParseTime(input.RegistrationClosesAt);
        if (!string.IsNullOrWhiteSpace(input.RegistrationOpensAt) && opens is null)
        {
            errors["registrationOpensAt"] = "Give a date and time, e.g. 2027-03-01T08:00.";
        }

        if (!string.IsNullOrWhiteSpace(input.RegistrationClosesAt) && closes is null)
        {
            errors["registrationClosesAt"] = "Give a date and time, e.g. 2027-03-09T17:00.";
        }
        else if (closes is { } c)
        {
            if (opens is { } o && c <= o)
            {
                errors["registrationClosesAt"] = "Registration must close after it opens.";
            }
            else if (ends is { } end && c > end)
            {
                errors["registrationClosesAt"] = "Registration must close by the end of the event.";
            }
        }

        var place = Trimmed(input.Place);
        var url = Trimmed(input.OnlineUrl);
        if (place is null && url is null)
        {
            errors["place"] = "Give the place, or an online link.";
        }

        if (url is not null && (url.Length > Event.MaxUrl || !Uri.TryCreate(url, UriKind.Absolute, out var link) || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp)))
        {
            errors["onlineUrl"] = "Give the online link as a web address starting with https://.";
        }

        if (Trimmed(input.Locality) is { } locality && !isTerm(TaxonomyTerm.Localities, locality))
        {
            errors["locality"] = "Choose a locality from the list.";
        }

        if (input.Capacity is < 1 or > MaxCapacity)
        {
            errors["capacity"] = FormattedMessage.Create("Capacity is a whole number from 1 to {0}, or empty for no limit.", MaxCapacity);
        }

        switch (ParseAudience(input.Audience))
        {
            case null:
                errors["audience"] = "Audience is \"public\", \"cohort:<key>\" or \"segment:<id>\".";
                break;
            case (EventAudience.Cohort, var cohortKey) when !await db.Set<Cohort>().AnyAsync(c => c.Key == cohortKey, cancellationToken):
                errors["audience"] = "No cohort has this key.";
                break;
            case (EventAudience.Segment, var segmentId) when !await db.Set<Segment>().AnyAsync(s => s.Id == segmentId, cancellationToken):
                errors["audience"] = "No segment has this id.";
                break;
        }

        ValidateQuestions(input.Questions, errors);

        if (Trimmed(input.ProgrammeKey) is { } programmeKey)
        {
            if (kind != EventKinds.Contest)
            {
                errors["programmeKey"] = "Only a contest opens an entry round.";
            }
            else if (!await db.Programmes.AnyAsync(p => p.Slug == programmeKey && p.Latest && p.DeletedUtc == null, cancellationToken))
            {
                errors["programmeKey"] = "No programme has this key.";
            }
        }

        return errors;
    }

    private static void ValidateQuestions(IReadOnlyList<FormField>? questions, Dictionary<string, string> errors)
    {
        if (questions is null || questions.Count == 0)
        {
            return;
        }

        if (questions.Count > MaxQuestions)
        {
            errors["questions"] = FormattedMessage.Create("At most {0} questions.", MaxQuestions);
            return;
        }

        ProgrammeDefinition.ValidateFields(questions, "questions", errors);
        for (var i = 0; i < questions.Count; i++)
        {
            if (questions[i].Type == FormFieldType.File)
            {
                errors[$"questions[{i}].type"] = "A registration question cannot ask for a file.";
            }
        }
    }

    /// <summary>"public", "cohort:KEY" or "segment:ID" (empty is public); null when it is none of them.</summary>
    public static (EventAudience Audience, string? Key)? ParseAudience(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || string.Equals(text, "public", StringComparison.OrdinalIgnoreCase))
        {
            return (EventAudience.Public, null);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || colon == text.Length - 1 || text.Length > 70)
        {
            return null;
        }

        var key = text[(colon + 1)..].Trim();
        return text[..colon].Trim().ToLowerInvariant() switch
        {
            "cohort" => (EventAudience.Cohort, key),
            "segment" => (EventAudience.Segment, key),
            _ => null,
        };
    }

    /// <summary>The audience as <see cref="ParseAudience"/> reads it.</summary>
    public static string FormatAudience(Event item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Audience switch
        {
            EventAudience.Cohort => "cohort:" + item.AudienceKey,
            EventAudience.Segment => "segment:" + item.AudienceKey,
            _ => "public",
        };
    }

    /// <summary>A date and time; without an offset it is Vietnam time (the office hours read times the same way).</summary>
    public static DateTime? ParseTime(string? text) => OfficeHours.SlotCommands.ParseTime(text);

    private static void CheckLength(Dictionary<string, string> errors, string field, string? value, int max)
    {
        if (value?.Trim().Length > max)
        {
            errors[field] = FormattedMessage.Create("At most {0} characters.", max);
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
