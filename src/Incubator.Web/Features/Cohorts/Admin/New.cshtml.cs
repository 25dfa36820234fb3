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
/// What the new cohort's form and the cohort's change form share: the fields (see <c>_CohortFields.cshtml</c>), the
/// choices of programme and lead, the milestone rows (five empty rows, "More rows" adds five more without a script),
/// and how a command's errors land beside their fields.
/// </summary>
internal abstract class CohortFormPage(IncubatorDbContext db, IStringLocalizer localizer) : PageModel
{
    public const int RowsAtATime = 5;

    protected IncubatorDbContext Db { get; } = db;

    [BindProperty]
    public CohortForm Form { get; set; } = new();

    /// <summary>The cohort's version the change form was opened on; unused for a new cohort.</summary>
    [BindProperty]
    public int RowVersion { get; set; }

    /// <summary>Whether the form changes an existing cohort (its key fixed) rather than making one.</summary>
    public abstract bool Editing { get; }

    public List<ProgrammeChoice> Programmes { get; private set; } = [];

    public List<LeadChoice> Leads { get; private set; } = [];

    /// <summary>Comes back with five more empty milestone rows, keeping what was typed.</summary>
    public async Task<IActionResult> OnPostRowsAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Pad(RowsAtATime);
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The command's input from the form; blank rows left out, the others' places kept in <paramref name="rows"/>.</summary>
    protected CohortInput Input(out IReadOnlyList<int> rows)
    {
        var kept = Form.Milestones.Select((row, index) => (row, index)).Where(x => !x.row.IsBlank).ToList();
        rows = [.. kept.Select(x => x.index)];
        return new CohortInput(Form.Key, Form.NameVi, Form.NameEn, Form.StartsOn, Form.EndsOn, Form.ProgrammeKey, Form.Cadence, Form.LeadUserId,
            [.. kept.Select(x => new MilestoneInput(x.row.Key, x.row.TitleVi, x.row.TitleEn, x.row.DueOn, x.row.Evidence))]);
    }

    /// <summary>Puts a refused command's errors beside their fields and draws the form again.</summary>
    protected async Task<IActionResult> RefusedAsync<T>(CommandResult<T> result, IReadOnlyList<int> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var (field, message) in result.Errors)
        {
            ModelState.AddModelError("Form." + FormField(field, rows), localizer[message]);
        }

        if (result.Errors.Count == 0)
        {
            ModelState.AddModelError(string.Empty, localizer[result.Detail ?? "Nothing was changed."]);
        }

        Pad(0);
        await LoadAsync(cancellationToken);
        return Page();
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

    protected void Pad(int more)
    {
        var wanted = Math.Min(CohortCommands.MaxMilestones, Math.Max(Form.Milestones.Count + (more == 0 && Editing ? 1 : more), RowsAtATime));
        while (Form.Milestones.Count < wanted)
        {
            Form.Milestones.Add(new MilestoneRow());
        }
    }

    protected async Task LoadAsync(CancellationToken cancellationToken)
    {
        Programmes = await Db.Programmes.AsNoTracking().Where(p => p.Latest && p.DeletedUtc == null).OrderBy(p => p.Title)
            .Select(p => new ProgrammeChoice(p.Slug, p.Title)).Take(200).ToListAsync(cancellationToken);

        // The staff (a handful of users), by name; at most 200.
        var staff = await (from user in Db.Users.AsNoTracking()
                           join link in Db.UserRoles on user.Id equals link.UserId
                           join role in Db.Roles on link.RoleId equals role.Id
                           where role.Name == Roles.Staff
                           orderby user.DisplayName, user.Email
                           select new { user.Id, user.DisplayName, user.Email }).Take(200).ToListAsync(cancellationToken);
        Leads = [.. staff.Select(u => new LeadChoice(u.Id, string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName))];
    }
}

/// <summary>The new cohort's form; the command is <see cref="CohortCommands.CreateAsync"/>.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class NewModel(IncubatorDbContext db, CohortCommands commands, UserManager<User> users, IStringLocalizer<NewModel> localizer)
    : CohortFormPage(db, localizer)
{
    public override bool Editing => false;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Pad(0);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var input = Input(out var rows);
        if (!ModelState.IsValid)
        {
            Pad(0);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var result = await commands.CreateAsync(input, users.GetUserId(User), cancellationToken);
        return result.Succeeded
            ? RedirectToPage("/Cohorts/Admin/Show", new { key = result.Value!.Key })
            : await RefusedAsync(result, rows, cancellationToken);
    }
}
