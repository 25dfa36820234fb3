using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Workflows;
using Incubator.Workflows;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// What an applicant reads for the steps of the support-approval workflow's history (statuses are
/// <see cref="ApplicationStatuses"/>'), and for the fields of a programme's form. A name a recipe adds later is shown
/// as it is written.
/// </summary>
internal static class ApplicationLabels
{
    /// <summary>A history entry as the applicant reads it: what happened, not which activity ran.</summary>
    public static string Step(IStringLocalizer localizer, WorkflowHistoryRecord entry)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(entry);
        var data = entry.ToEntry().Data;
        if (data.TryGetValue("status", out var status))
        {
            return localizer["Status: {0}", ApplicationStatuses.Label(localizer, status)];
        }

        return entry.Outcome switch
        {
            "started" => localizer["Application received"],
            WorkflowOutcomes.Received => data.GetValueOrDefault("event") switch
            {
                ApplicationService.InformationSuppliedEvent => localizer["Information sent"],
                FundingApi.ReportSubmittedEvent => localizer["Final report submitted"],
                var other => other ?? entry.Outcome,
            },
            "screening-pass" => localizer["Passed screening"],
            "request-information" => localizer["Information requested"],
            "reject" => localizer["Not approved"],
            "approve" => localizer["Approved"],

            // Written by Reviews when the council's scores reject the application; the comment says why.
            "council-verdict" => localizer["Council's verdict"],
            "accept-report" => localizer["Report accepted"],
            "return-report" => localizer["Report sent back"],
            WorkflowOutcomes.Done => localizer["Finished"],
            _ => WorkflowLabels.Action(localizer, entry.Outcome),
        };
    }

    /// <summary>What a form field asks for, so people can prepare it before they apply.</summary>
    public static string FieldType(IStringLocalizer localizer, FormField field)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(field);
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        var options = string.Join(", ", field.Choices.Select(o => o.Label.For(culture)));
        return field.Type switch
        {
            FormFieldType.Text => localizer["Short text"],
            FormFieldType.LongText => localizer["Long text"],
            FormFieldType.Number => localizer["Number"],
            FormFieldType.Money => localizer["Amount in đồng"],
            FormFieldType.Date => localizer["Date"],
            FormFieldType.Choice => localizer["One of: {0}", options],
            FormFieldType.MultiChoice => localizer["Any of: {0}", options],
            FormFieldType.File => localizer["File (PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG)"],
            _ => field.Type.ToString(),
        };
    }
}
