using Incubator.Core.Results;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mailings;

/// <summary>Writes a mailing (or changes a draft): a segment, a Vietnamese subject and body, and optionally both in English.</summary>
internal sealed class CreateMailing(IncubatorDbContext db, TimeProvider clock)
{
    public const int MaxSubject = 300;
    public const int MaxBody = 50000;

    public sealed record Texts(string? SegmentId, string? SubjectVi, string? SubjectEn, string? BodyVi, string? BodyEn);

    /// <param name="id">The draft to change; null to create a mailing.</param>
    public async Task<CommandResult<Mailing>> SaveAsync(string? id, Texts texts, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(texts.SegmentId) || !await db.Set<Segment>().AnyAsync(s => s.Id == texts.SegmentId, cancellationToken))
        {
            errors["segmentId"] = "Choose a segment.";
        }

        Check(errors, "subject.vi", texts.SubjectVi, MaxSubject, required: true);
        Check(errors, "subject.en", texts.SubjectEn, MaxSubject, required: !string.IsNullOrWhiteSpace(texts.BodyEn));
        Check(errors, "body.vi", texts.BodyVi, MaxBody, required: true);
        Check(errors, "body.en", texts.BodyEn, MaxBody, required: !string.IsNullOrWhiteSpace(texts.SubjectEn));
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<Mailing>();
        }

        Mailing? mailing;
        if (id is null)
        {
            mailing = new Mailing { Id = Guid.CreateVersion7().ToString("N"), Status = MailingStatus.Draft, CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = userId };
            db.Add(mailing);
        }
        else if ((mailing = await db.Set<Mailing>().SingleOrDefaultAsync(m => m.Id == id, cancellationToken)) is null)
        {
            return CommandResult.NotFound().As<Mailing>();
        }
        else if (mailing.Status != MailingStatus.Draft)
        {
            return CommandResult.Conflict("This mailing was already sent.").As<Mailing>();
        }

        mailing.SegmentId = texts.SegmentId!;
        mailing.SubjectVi = texts.SubjectVi!.Trim().Normalize();
        mailing.BodyVi = texts.BodyVi!.Normalize();
        mailing.SubjectEn = string.IsNullOrWhiteSpace(texts.SubjectEn) ? null : texts.SubjectEn.Trim().Normalize();
        mailing.BodyEn = string.IsNullOrWhiteSpace(texts.BodyEn) ? null : texts.BodyEn.Normalize();
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(mailing);
    }

    private static void Check(Dictionary<string, string> errors, string field, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = "This field is required.";
            }
        }
        else if (value.Length > max)
        {
            errors[field] = max == MaxSubject ? "At most 300 characters." : "At most 50000 characters.";
        }
    }
}
