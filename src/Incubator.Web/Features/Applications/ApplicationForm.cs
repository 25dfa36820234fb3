using System.Text.Json;
using Incubator.Core.Results;
using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Features.Programmes;

namespace Incubator.Web.Features.Applications;

/// <summary>Checks answers against a programme's form: types always, required fields only when the application is submitted.</summary>
internal static class ApplicationForm
{
    public const int DefaultTextLength = 1000;
    public const int DefaultLongTextLength = 20000;

    /// <summary>Problems with the given answers, keyed "answers.&lt;field&gt;"; a JSON null clears an answer.</summary>
    public static Dictionary<string, string> CheckTypes(IReadOnlyList<FormField> form, IReadOnlyDictionary<string, JsonElement> answers)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in answers)
        {
            var path = $"answers.{key}";
            if (form.FirstOrDefault(f => f.Key == key && !IsRequestedAmount(f)) is not { } field)
            {
                errors[path] = "This programme's form has no such field.";
                continue;
            }

            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (Check(field, value) is { } problem)
            {
                errors[path] = problem;
            }
        }

        return errors;
    }

    /// <summary>What is missing for a submission: required fields without an answer (or, for files, without an attachment).</summary>
    public static Dictionary<string, string> CheckComplete(IReadOnlyList<FormField> form, IReadOnlyDictionary<string, JsonElement> answers, IReadOnlyCollection<string> fieldsWithFiles)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(fieldsWithFiles);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in form.Where(f => f.Required && !IsRequestedAmount(f)))
        {
            var present = field.Type == FormFieldType.File
                ? fieldsWithFiles.Contains(field.Key)
                : answers.TryGetValue(field.Key, out var value) && !IsBlank(value);
            if (!present)
            {
                errors[$"answers.{field.Key}"] = field.Type == FormFieldType.File ? "Attach the required file." : "This field is required.";
            }
        }

        return errors;
    }

    /// <summary>
    /// Whether a field of the programme's form only marks where the application's requested amount is asked: a field
    /// keyed "requestedAmount" (of any type) gives the amount its place and label; the amount itself is the
    /// application's own <see cref="SupportApplication.RequestedAmount"/>, never an answer.
    /// </summary>
    public static bool IsRequestedAmount(FormField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Key == ApplicationService.RequestedAmountField;
    }

    /// <summary>
    /// The form's fields in the order the applicant fills them in, the requested amount among them: where the
    /// programme's form places it (see <see cref="IsRequestedAmount"/>), otherwise after the answers and before the
    /// first file field, so that the amount is not left last, below the attachments. A form that does not place it
    /// gets it with <paramref name="defaultLabel"/>.
    /// </summary>
    public static IReadOnlyList<FormField> Ordered(IReadOnlyList<FormField> form, string defaultLabel)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.Any(IsRequestedAmount))
        {
            return form;
        }

        var amount = new FormField(ApplicationService.RequestedAmountField, FormFieldType.Money, new LocalizedText(defaultLabel, defaultLabel), Required: true);
        var ordered = form.ToList();
        var firstFile = ordered.FindIndex(f => f.Type == FormFieldType.File);
        ordered.Insert(firstFile < 0 ? ordered.Count : firstFile, amount);
        return ordered;
    }

    /// <summary>An answer in NFC, trimmed, for storing.</summary>
    public static JsonElement Normalise(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => JsonSerializer.SerializeToElement(VietnameseText.ToNfc(value.GetString()!.Trim())),
        JsonValueKind.Array => JsonSerializer.SerializeToElement(value.EnumerateArray().Select(v => v.GetString()!).Distinct(StringComparer.Ordinal).ToArray()),
        _ => value.Clone(),
    };

    private static bool IsBlank(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()),
        JsonValueKind.Array => value.GetArrayLength() == 0,
        _ => false,
    };

    private static string? Check(FormField field, JsonElement value)
    {
        switch (field.Type)
        {
            case FormFieldType.Text or FormFieldType.LongText:
                var max = field.MaxLength ?? (field.Type == FormFieldType.Text ? DefaultTextLength : DefaultLongTextLength);
                if (value.ValueKind != JsonValueKind.String)
                {
                    return "Give text.";
                }

                return value.GetString()!.Trim().Length > max ? FormattedMessage.Create("At most {0} characters.", max) : null;
            case FormFieldType.Number:
                return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out _) ? null : "Give a number.";
            case FormFieldType.Money:
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var amount) && amount >= 0 ? null : "Give a whole, non-negative number of đồng.";
            case FormFieldType.Date:
                return value.ValueKind == JsonValueKind.String && VietnamTime.TryParseIsoDate(value.GetString(), out _)
                    ? null
                    : "Give a date as yyyy-MM-dd.";
            case FormFieldType.Choice:
                return value.ValueKind == JsonValueKind.String && field.Choices.Any(o => o.Value == value.GetString()) ? null : "Choose one of the options.";
            case FormFieldType.MultiChoice:
                return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String && field.Choices.Any(o => o.Value == v.GetString()))
                    ? null
                    : "Choose among the options.";
            case FormFieldType.File:
                return "Files are sent as attachments, not as answers.";
            default:
                return "Unknown field type.";
        }
    }
}
