using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Cohorts;

/// <summary>
/// The files members give as evidence of a milestone live in the attachments folder: the sweep keeps a file a
/// <see cref="MemberMilestone"/> names, and the backup carries them.
/// </summary>
internal sealed class CohortEvidenceFiles : IAttachmentReferences
{
    public IReadOnlyList<(string Table, string Column)> Columns { get; } = [("MemberMilestones", nameof(MemberMilestone.EvidenceFile))];

    public async Task<IReadOnlyCollection<string>> ReferencedAsync(IServiceProvider services, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IncubatorDbContext>();
        var list = names.ToList();
        return await db.Set<MemberMilestone>().Where(m => m.EvidenceFile != null && list.Contains(m.EvidenceFile)).Select(m => m.EvidenceFile!).ToListAsync(cancellationToken);
    }

    /// <summary>The size to show beside the file's name, in KB as the applications show theirs.</summary>
    public static long Kilobytes(long? size) => Math.Max(1, ((size ?? 0) + 1023) / 1024);
}

/// <summary>The model of _EvidenceFileField: the form's id, the size limit, whether a file is there already, the error to show.</summary>
internal sealed record EvidenceFileField(string FormId, long MaxMegabytes, bool HasFile, string? Error);
