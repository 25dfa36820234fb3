using Incubator.Core.Results;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Cohorts;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.CheckIns;

/// <summary>A check-in as the caller sends it: each number as given (null when left out), keyed as <see cref="CheckInRules.All"/>.</summary>
internal sealed record CheckInInput(string? Period, IReadOnlyDictionary<string, long?> Values, string? Comment);

/// <summary>
/// Saves an organisation's check-in for a period: checks it (the period's form, not in the future in Vietnam, the
/// cadence of the organisation's current cohort; whole numbers, none negative, within bounds; women not more than
/// employees; the comment's length) and creates it, or updates the one already there. Two saves of one period at
/// once give one row: the loser of the insert race updates the winner's row.
/// </summary>
internal sealed class CheckInCommands(IncubatorDbContext db, TimeProvider clock)
{
    private const int Attempts = 10;

    /// <summary>The cadence of the organisation's current cohort (the latest it is active in), or null when it is in none.</summary>
    public Task<string?> CadenceAsync(string organisationId, CancellationToken cancellationToken) =>
        (from m in db.Set<CohortMember>().AsNoTracking()
         join c in db.Set<Cohort>().AsNoTracking() on m.CohortId equals c.Id
         where m.OrganisationId == organisationId && m.Status == MemberStatus.Active
         orderby m.JoinedOn descending, m.Id descending
         select c.Cadence).FirstOrDefaultAsync(cancellationToken);

    public DateOnly Today => DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime));

    /// <summary>Saves the check-in; the value says whether it was created (false: an update of the period's report).</summary>
    public async Task<CommandResult<(CheckIn CheckIn, bool Created)>> SaveAsync(string organisationId, CheckInInput input, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var period = CheckInPeriod.Parse(input.Period);
        if (period is null)
        {
            errors["period"] = "Enter the period as YYYY-MM (a month) or YYYY-Qn (a quarter).";
        }
        else if (period.Start > Today)
        {
            errors["period"] = "This period has not started yet.";
        }
        else if (await CadenceAsync(organisationId, cancellationToken) is { } cadence && cadence != period.Cadence)
        {
            errors["period"] = cadence == CheckInPeriod.Monthly
                ? "Your cohort reports monthly: enter the period as YYYY-MM."
                : "Your cohort reports quarterly: enter the period as YYYY-Qn.";
        }

        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var metric in CheckInRules.All)
        {
            var value = input.Values.GetValueOrDefault(metric.Key);
            var max = metric.Money ? CheckInRules.MaxMoney : CheckInRules.MaxCount;
            if (value is null)
            {
                errors[metric.Key] = "Enter a number.";
            }
            else if (value < 0)
            {
                errors[metric.Key] = "Cannot be negative.";
            }
            else if (value > max)
            {
                errors[metric.Key] = FormattedMessage.Create("At most {0}.", max);
            }
            else
            {
                values[metric.Key] = value.Value;
            }
        }

        if (values.TryGetValue(CheckInRules.WomenEmployees.Key, out var women) && values.TryGetValue(CheckInRules.Employees.Key, out var employees) && women > employees)
        {
            errors[CheckInRules.WomenEmployees.Key] = "Cannot be more than the employees.";
        }

        var comment = input.Comment?.Trim();
        comment = string.IsNullOrEmpty(comment) ? null : comment;
        if (comment?.Length > CheckInRules.MaxComment)
        {
            errors["comment"] = FormattedMessage.Create("At most {0} characters.", CheckInRules.MaxComment);
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<(CheckIn, bool)>();
        }

        var key = period!.ToString();
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var now = clock.GetUtcNow().UtcDateTime;
            var row = await db.Set<CheckIn>().FirstOrDefaultAsync(c => c.OrganisationId == organisationId && c.Period == key, cancellationToken);
            var created = row is null;
            if (row is null)
            {
                row = new CheckIn { OrganisationId = organisationId, Period = key, PeriodStart = period.Start, SubmittedUtc = now };
                db.Add(row);
            }
            else
            {
                row.RowVersion++;
            }

            Fill(row, values, comment, userId, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Ok((row, created));
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another save of this period won: its insert (the unique organisation and period) or its update (the
                // row version). Read the row again and save over it: the last report sent is the one kept.
            }
        }
    }

    private static void Fill(CheckIn row, Dictionary<string, long> values, string? comment, string? userId, DateTime now)
    {
        row.Revenue = values[CheckInRules.Revenue.Key];
        row.Employees = (int)values[CheckInRules.Employees.Key];
        row.WomenEmployees = (int)values[CheckInRules.WomenEmployees.Key];
        row.NewJobs = (int)values[CheckInRules.NewJobs.Key];
        row.FundingGrant = values[CheckInRules.FundingGrant.Key];
        row.FundingEquity = values[CheckInRules.FundingEquity.Key];
        row.FundingLoan = values[CheckInRules.FundingLoan.Key];
        row.Customers = (int)values[CheckInRules.Customers.Key];
        row.ProductsLaunched = (int)values[CheckInRules.ProductsLaunched.Key];
        row.IpFilings = (int)values[CheckInRules.IpFilings.Key];
        row.IpGranted = (int)values[CheckInRules.IpGranted.Key];
        row.Exports = values[CheckInRules.Exports.Key];
        row.Comment = comment;
        row.SubmittedBy = userId;
        row.UpdatedUtc = now;
    }
}
