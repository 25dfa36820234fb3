using System.Text.RegularExpressions;
using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mentoring;

/// <summary>
/// A mentor's own details for matching, and a startup's stated needs. A user with the Mentor role who has no mentor
/// entry yet gets a draft one (theirs, unpublished until staff review it) the first time they save their details.
/// </summary>
internal sealed partial class MentorProfiles(IncubatorDbContext db, ContentManager content, TaxonomyService taxonomies, TimeProvider clock)
{
    public const int MaxHoursPerMonth = 200;
    public const int MaxNoteLength = 2000;

    public sealed record ProfileRequest(string? Name, List<string>? Expertise, List<string>? Sectors, List<string>? Stages, List<string>? Languages, int? HoursPerMonth, bool? AcceptsRequests);

    public sealed record NeedsRequest(List<string>? Needs, string? Note);

    /// <summary>The details of the mentor whose account this is, or null.</summary>
    public Task<MentorDetails?> MineAsync(string userId, CancellationToken cancellationToken) =>
        db.Set<MentorDetails>().AsNoTracking().FirstOrDefaultAsync(d => d.UserId == userId, cancellationToken);

    public async Task<CommandResult<MentorDetails>> SaveMineAsync(string userId, string fallbackName, ProfileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var exists = await taxonomies.ExistsAsync(cancellationToken);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Check(errors, "expertise", request.Expertise, c => exists(TaxonomyTerm.Expertise, c), "Choose expertise from the list.");
        Check(errors, "sectors", request.Sectors, c => exists(TaxonomyTerm.Sectors, c), "Choose sectors from the list.");
        Check(errors, "stages", request.Stages, c => exists(TaxonomyTerm.Stages, c), "Choose stages from the list.");
        Check(errors, "languages", request.Languages, c => LanguageCode().IsMatch(c), "Give languages as two-letter codes such as vi or en.");
        if (request.HoursPerMonth is < 0 or > MaxHoursPerMonth)
        {
            errors["hoursPerMonth"] = "Hours a month must be a whole number from 0 to 200.";
        }

        if (request.Name is { Length: > 200 })
        {
            errors["name"] = "The name is too long.";
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<MentorDetails>();
        }

        var details = await db.Set<MentorDetails>().FirstOrDefaultAsync(d => d.UserId == userId, cancellationToken);
        if (details is null)
        {
            var mentorId = await db.Mentors.Where(m => m.Latest && m.DeletedUtc == null && m.OwnerId == userId).Select(m => m.ContentItemId).FirstOrDefaultAsync(cancellationToken);
            if (mentorId is null)
            {
                var name = string.IsNullOrWhiteSpace(request.Name) ? fallbackName : request.Name.Trim();
                var mentor = new Mentor { Title = name, OwnerId = userId, Summary = name };
                await content.CreateAsync(mentor, userId, publish: false, cancellationToken);
                mentorId = mentor.ContentItemId;
            }

            details = await db.Set<MentorDetails>().FirstOrDefaultAsync(d => d.MentorId == mentorId, cancellationToken);
            if (details is null)
            {
                details = new MentorDetails { MentorId = mentorId, Languages = ["vi"] };
                db.Add(details);
            }

            details.UserId = userId;
        }

        details.Expertise = Codes(request.Expertise) ?? details.Expertise;
        details.Sectors = Codes(request.Sectors) ?? details.Sectors;
        details.Stages = Codes(request.Stages) ?? details.Stages;
        details.Languages = Codes(request.Languages) ?? details.Languages;
        details.HoursPerMonth = request.HoursPerMonth ?? details.HoursPerMonth;
        details.AcceptsRequests = request.AcceptsRequests ?? details.AcceptsRequests;
        details.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        details.RowVersion++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Conflict("The details were changed meanwhile; load them again.").As<MentorDetails>();
        }

        return CommandResult.Ok(details);
    }

    public Task<OrganisationNeeds?> NeedsAsync(string organisationId, CancellationToken cancellationToken) =>
        db.Set<OrganisationNeeds>().AsNoTracking().FirstOrDefaultAsync(n => n.OrganisationId == organisationId, cancellationToken);

    /// <summary>Replaces the organisation's needs (the caller checked that they may).</summary>
    public async Task<CommandResult<OrganisationNeeds>> SaveNeedsAsync(string organisationId, NeedsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var exists = await taxonomies.ExistsAsync(cancellationToken);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Check(errors, "needs", request.Needs, c => exists(TaxonomyTerm.Needs, c), "Choose needs from the list.");
        if (request.Note is { Length: > MaxNoteLength })
        {
            errors["note"] = "The note is too long.";
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<OrganisationNeeds>();
        }

        var needs = await db.Set<OrganisationNeeds>().FirstOrDefaultAsync(n => n.OrganisationId == organisationId, cancellationToken);
        if (needs is null)
        {
            needs = new OrganisationNeeds { OrganisationId = organisationId };
            db.Add(needs);
        }

        needs.Needs = Codes(request.Needs) ?? [];
        needs.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        needs.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(needs);
    }

    private static void Check(Dictionary<string, string> errors, string field, List<string>? codes, Func<string, bool> known, string message)
    {
        if (codes is not null && codes.Exists(c => string.IsNullOrWhiteSpace(c) || !known(c.Trim())))
        {
            errors[field] = message;
        }
    }

    private static List<string>? Codes(List<string>? codes) => codes?.Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();
}
