using Incubator.Core.Results;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mailings;

/// <summary>Creates or changes a segment: a name and a filter whose every condition names something that exists.</summary>
internal sealed class SaveSegment(IncubatorDbContext db, SegmentMembers members, TimeProvider clock)
{
    public const int MaxName = 200;

    /// <param name="id">The segment to change; null to create one.</param>
    public async Task<CommandResult<Segment>> SaveAsync(string? id, string? name, SegmentFilter? filter, string? userId, CancellationToken cancellationToken)
    {
        var clean = (filter ?? new SegmentFilter()).Normalised();
        var errors = await members.CheckAsync(clean, cancellationToken);
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            errors["name"] = "Enter a name.";
        }
        else if (trimmed.Length > MaxName)
        {
            errors["name"] = "At most 200 characters.";
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<Segment>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        Segment? segment;
        if (id is null)
        {
            segment = new Segment { Id = Guid.CreateVersion7().ToString("N"), CreatedUtc = now, CreatedBy = userId };
            db.Add(segment);
        }
        else if ((segment = await db.Set<Segment>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)) is null)
        {
            return CommandResult.NotFound().As<Segment>();
        }

        segment.Name = trimmed.Normalize();
        segment.FilterJson = clean.ToJson();
        segment.ModifiedUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(segment);
    }
}
