using Incubator.Web.Data;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Programmes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>/my/applications: the signed-in applicant's own applications, newest first.</summary>
internal sealed class IndexModel(IncubatorDbContext db, UserManager<Account.User> users) : PageModel
{
    public sealed record Row(SupportApplication Application, LocalizedText? Programme, string? Organisation, string Round);

    public List<Row> Rows { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        var applications = await db.Applications.AsNoTracking().Where(a => a.OwnerId == userId).OrderByDescending(a => a.CreatedUtc).ToListAsync(cancellationToken);
        var programmeIds = applications.Select(a => a.ProgrammeId).Distinct().ToList();
        var organisationIds = applications.Select(a => a.OrganisationId).Distinct().ToList();
        var programmes = (await db.Programmes.AsNoTracking().Where(p => programmeIds.Contains(p.ContentItemId) && p.Latest).ToListAsync(cancellationToken))
            .ToDictionary(p => p.ContentItemId);
        var organisations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in OrganisationAccess.Kinds)
        {
            foreach (var row in await type.Query(db).AsNoTracking().Where(x => organisationIds.Contains(x.ContentItemId) && x.Latest)
                         .Select(x => new { x.ContentItemId, x.Title }).ToListAsync(cancellationToken))
            {
                organisations[row.ContentItemId] = row.Title;
            }
        }

        // The round by its name in the reader's language, as the programme calls it; applications record its key.
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        Rows.AddRange(applications.Select(a => programmes.GetValueOrDefault(a.ProgrammeId) is { } programme
            ? new Row(a, programme.Name, organisations.GetValueOrDefault(a.OrganisationId), programme.RoundLabel(a.RoundKey, culture))
            : new Row(a, null, organisations.GetValueOrDefault(a.OrganisationId), a.RoundKey)));
    }
}
