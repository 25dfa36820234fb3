using System.Globalization;
using Incubator.Core.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.CheckIns;

/// <summary>
/// The check-in form's fields as typed (text, so that "2,5" or "abc" is refused with our own message rather than the
/// framework's English one), read into a <see cref="CheckInInput"/>.
/// </summary>
internal sealed class CheckInForm
{
    public string? Period { get; set; }
    public string? Revenue { get; set; }
    public string? Employees { get; set; }
    public string? WomenEmployees { get; set; }
    public string? NewJobs { get; set; }
    public string? FundingGrant { get; set; }
    public string? FundingEquity { get; set; }
    public string? FundingLoan { get; set; }
    public string? Customers { get; set; }
    public string? ProductsLaunched { get; set; }
    public string? IpFilings { get; set; }
    public string? IpGranted { get; set; }
    public string? Exports { get; set; }
    public string? Comment { get; set; }

    /// <summary>The form filled from a report (the last one, to prefill the next), for <paramref name="period"/>.</summary>
    public static CheckInForm From(CheckIn? last, string period)
    {
        var form = new CheckInForm { Period = period };
        foreach (var metric in CheckInRules.All)
        {
            form.Set(metric, last is null ? null : metric.Read(last).ToString(CultureInfo.InvariantCulture));
        }

        return form;
    }

    public string? Get(CheckInMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Field switch
        {
            nameof(Revenue) => Revenue,
            nameof(Employees) => Employees,
            nameof(WomenEmployees) => WomenEmployees,
            nameof(NewJobs) => NewJobs,
            nameof(FundingGrant) => FundingGrant,
            nameof(FundingEquity) => FundingEquity,
            nameof(FundingLoan) => FundingLoan,
            nameof(Customers) => Customers,
            nameof(ProductsLaunched) => ProductsLaunched,
            nameof(IpFilings) => IpFilings,
            nameof(IpGranted) => IpGranted,
            nameof(Exports) => Exports,
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };
    }

    private void Set(CheckInMetric metric, string? value)
    {
        switch (metric.Field)
        {
            case nameof(Revenue): Revenue = value; break;
            case nameof(Employees): Employees = value; break;
            case nameof(WomenEmployees): WomenEmployees = value; break;
            case nameof(NewJobs): NewJobs = value; break;
            case nameof(FundingGrant): FundingGrant = value; break;
            case nameof(FundingEquity): FundingEquity = value; break;
            case nameof(FundingLoan): FundingLoan = value; break;
            case nameof(Customers): Customers = value; break;
            case nameof(ProductsLaunched): ProductsLaunched = value; break;
            case nameof(IpFilings): IpFilings = value; break;
            case nameof(IpGranted): IpGranted = value; break;
            case nameof(Exports): Exports = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(metric));
        }
    }

    /// <summary>
    /// The input for the commands, and the fields that are not whole numbers (keyed as the API keys them); those go
    /// in as missing, so the save refuses and nothing changes.
    /// </summary>
    public (CheckInInput Input, Dictionary<string, string> NotWhole) Read()
    {
        var values = new Dictionary<string, long?>(StringComparer.Ordinal);
        var notWhole = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var metric in CheckInRules.All)
        {
            var text = Get(metric)?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal);
            if (string.IsNullOrEmpty(text))
            {
                values[metric.Key] = null;
            }
            else if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                values[metric.Key] = value;
            }
            else
            {
                values[metric.Key] = null;
                notWhole[metric.Key] = "Enter a whole number, without dots or commas.";
            }
        }

        return (new CheckInInput(Period, values, Comment), notWhole);
    }

    /// <summary>The refusal's messages beside the form's fields (bound as <paramref name="prefix"/>).</summary>
    public static void AddErrors(CommandResult result, Dictionary<string, string> notWhole, ModelStateDictionary modelState, IStringLocalizer localizer, string prefix)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(notWhole);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(localizer);
        var errors = new Dictionary<string, string>(result.Errors, StringComparer.Ordinal);
        foreach (var (key, message) in notWhole)
        {
            errors[key] = message;
        }

        foreach (var (key, message) in errors)
        {
            var field = CheckInRules.All.FirstOrDefault(m => m.Key == key)?.Field ?? char.ToUpperInvariant(key[0]) + key[1..];
            modelState.AddModelError($"{prefix}.{field}", localizer[message]);
        }
    }
}
