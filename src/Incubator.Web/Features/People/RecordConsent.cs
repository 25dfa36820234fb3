using Incubator.Core.Results;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.People;

/// <summary>A consent given or withdrawn as the API and the staff form send it; source is "staff", "import"...</summary>
internal sealed record ConsentInput(bool Newsletter, string? Source, string? Basis = null);

/// <summary>
/// Records a person's consent to newsletters, given or withdrawn, with when, where from and on what basis (Decree
/// 13/2023/NĐ-CP): a new row each time, never a change of an old one, so the history stays; the newest row holds.
/// An import must state its legal basis.
/// </summary>
internal sealed class RecordConsent(IncubatorDbContext db, TimeProvider clock)
{
    /// <summary>The consent checked; null when it holds, else the messages keyed by field under <paramref name="prefix"/>.</summary>
    public static (PersonConsent? Consent, Dictionary<string, string>? Errors) Check(ConsentInput input, string prefix)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        ConsentSource? source = Enum.TryParse<ConsentSource>(input.Source?.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(input.Source, out _) ? parsed : null;
        if (source is null)
        {
            errors[prefix + "source"] = "Choose where the consent comes from.";
        }

        var basis = string.IsNullOrWhiteSpace(input.Basis) ? null : input.Basis.Trim();
        if (source == ConsentSource.Import && basis is null)
        {
            errors[prefix + "basis"] = "State the legal basis of an imported consent.";
        }
        else if (basis?.Length > 500)
        {
            errors[prefix + "basis"] = "At most 500 characters.";
        }

        return errors.Count > 0
            ? (null, errors)
            : (new PersonConsent { Purpose = PersonConsent.Newsletter, Given = input.Newsletter, Source = source!.Value, Basis = basis }, null);
    }

    public async Task<CommandResult> RecordAsync(string personId, ConsentInput input, string? userId, CancellationToken cancellationToken)
    {
        var (consent, errors) = Check(input, string.Empty);
        if (consent is null)
        {
            return CommandResult.Invalid(errors!);
        }

        if (!await db.Set<Person>().AnyAsync(p => p.Id == personId && p.MergedIntoId == null, cancellationToken))
        {
            return CommandResult.NotFound();
        }

        Add(personId, consent, userId);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok();
    }

    /// <summary>Adds a checked consent row to the context, to be saved with the caller's other changes.</summary>
    public void Add(string personId, PersonConsent consent, string? userId)
    {
        ArgumentNullException.ThrowIfNull(consent);
        consent.PersonId = personId;
        consent.AtUtc = clock.GetUtcNow().UtcDateTime;
        consent.ByUserId = userId;
        db.Add(consent);
    }

    /// <summary>Whether the person's newest newsletter consent is a given one.</summary>
    public static IQueryable<PersonConsent> Newest(IncubatorDbContext db, string personId) =>
        db.Set<PersonConsent>().Where(c => c.PersonId == personId && c.Purpose == PersonConsent.Newsletter).OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id);
}
