using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Cohorts.Admin;

/// <summary>A milestone row of the new cohort's form; a row left wholly blank is not a milestone.</summary>
internal sealed class MilestoneRow
{
    public string? Key { get; set; }
    public string? TitleVi { get; set; }
    public string? TitleEn { get; set; }
    public DateOnly? DueOn { get; set; }
    public string? Evidence { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Key) && string.IsNullOrWhiteSpace(TitleVi) && string.IsNullOrWhiteSpace(TitleEn) && DueOn is null && string.IsNullOrWhiteSpace(Evidence);
}

internal sealed class CohortForm
{
    public string? Key { get; set; }
    public string? NameVi { get; set; }
    public string? NameEn { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public string? ProgrammeKey { get; set; }
    public string? Cadence { get; set; } = CohortCadence.Quarterly;
    public string? LeadUserId { get; set; }
    public List<MilestoneRow> Milestones { get; set; } = [];
}

/// <summary>A programme a cohort may take its members from: its key (slug) and title.</summary>
internal sealed record ProgrammeChoice(string Key, string Title);

/// <summary>A staff member who may lead a cohort: the user's id and name (else e-mail).</summary>
internal sealed record LeadChoice(string Id, string Name);

/// <summary>
/// The new cohort's form: its key, names, dates, programme and cadence, and a curriculum of milestone rows (five empty
/// rows, and "More rows" adds five more without a script). The command is <see cref="CohortCommands.CreateAsync"/>.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class NewModel(IncubatorDbContext db, CohortCommands commands, UserManager<User> users, IStringLocalizer<NewModel> localizer) : PageModel
{
    public const int RowsAtATime = 5;

    [BindProperty]
    public CohortForm Form { get; set; } = new();

    public List<ProgrammeChoice> Programmes { get; private set; } = [];

    public List<LeadChoice> Leads { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Pad(0);
        await LoadAsync(cancellationToken);
    }

    /// <summary>Comes back with five more empty milestone rows, keeping what was typed.</summary>
    public async Task<IActionResult> OnPostRowsAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Pad(RowsAtATime);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Pad(0);
            await LoadAsync(cancellationToken);
            return Page();
        }

        // Blank rows are left out; the errors of the others keep their row's number on the form.
        var rows = Form.Milestones.Select((row, index) => (row, index)).Where(x => !x.row.IsBlank).ToList();
        var input = new CohortInput(Form.Key, Form.NameVi, Form.NameEn, Form.StartsOn, Form.EndsOn, Form.ProgrammeKey, Form.Cadence, Form.LeadUserId,
            [.. rows.Select(x => new MilestoneInput(x.row.Key, x.row.TitleVi, x.row.TitleEn, x.row.DueOn, x.row.Evidence))]);
        var result = await commands.CreateAsync(input, users.GetUserId(User), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError("Form." + FormField(field, rows.Select(x => x.index).ToList()), localizer[message]);
            }

            Pad(0);
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage("/Cohorts/Admin/Show", new { key = result.Value!.Key });
    }

    /// <summary>The form's field for a command's field: name.vi → NameVi, milestones[0].title.vi → Milestones[n].TitleVi.</summary>
    internal static string FormField(string field, IReadOnlyList<int> rows)
    {
        var name = field.Replace("name.vi", "NameVi", StringComparison.Ordinal).Replace("name.en", "NameEn", StringComparison.Ordinal)
            .Replace("title.vi", "TitleVi", StringComparison.Ordinal).Replace("title.en", "TitleEn", StringComparison.Ordinal);
        if (name.StartsWith("milestones[", StringComparison.Ordinal) && name.IndexOf(']', StringComparison.Ordinal) is var end and > 11
            && int.TryParse(name.AsSpan(11, end - 11), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < rows.Count)
        {
            name = "Milestones[" + rows[i].ToString(System.Globalization.CultureInfo.InvariantCulture) + name[end..];
        }

        return string.Concat(name[..1].ToUpperInvariant(), name[1..]);
    }

    private void Pad(int more)
    {
        var wanted = Math.Min(CohortCommands.MaxMilestones, Math.Max(RowsAtATime, Form.Milestones.Count + more));
        while (Form.Milestones.Count < wanted)
        {
            Form.Milestones.Add(new MilestoneRow());
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Programmes = await db.Programmes.AsNoTracking().Where(p => p.Latest && p.DeletedUtc == null).OrderBy(p => p.Title)
            .Select(p => new ProgrammeChoice(p.Slug, p.Title)).Take(200).ToListAsync(cancellationToken);

        // The staff (a handful of users), by name; at most 200.
        var staff = await (from user in db.Users.AsNoTracking()
                           join link in db.UserRoles on user.Id equals link.UserId
                           join role in db.Roles on link.RoleId equals role.Id
                           where role.Name == Roles.Staff
                           orderby user.DisplayName, user.Email
                           select new { user.Id, user.DisplayName, user.Email }).Take(200).ToListAsync(cancellationToken);
        Leads = [.. staff.Select(u => new LeadChoice(u.Id, string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName))];
    }
}
