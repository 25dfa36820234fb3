using System.Globalization;
using System.Text.Json;
using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Features.Programmes;
using Microsoft.Extensions.Primitives;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// A programme's form as an HTML form posts it: strings named "answers.{key}" and "requestedAmount", turned into the
/// JSON answers <see cref="ApplicationService.UpdateAsync"/> takes, and stored answers turned back into text to edit
/// (<see cref="ApplicationAnswers"/> writes them out to read). A field the post does not carry is left as it is; an
/// empty one is cleared.
/// </summary>
internal static class ApplicationFormInput
{
    public const string Prefix = "answers.";
    public const string FilePrefix = "file.";

    /// <summary>What a post asks to change; <see cref="Errors"/> (keyed by field key or "requestedAmount") lists what could not be read.</summary>
    public sealed record Changes(Dictionary<string, JsonElement> Answers, long? RequestedAmount, bool ClearAmount, Dictionary<string, string> Errors)
    {
        public bool Any => Answers.Count > 0 || RequestedAmount is not null || ClearAmount;

        /// <summary>
        /// Only what differs from the application: a form posted again unchanged (a second click, the script after the
        /// button) saves nothing, so it cannot collide with the save it repeats.
        /// </summary>
        public Changes Against(SupportApplication application)
        {
            ArgumentNullException.ThrowIfNull(application);
            var stored = application.Answers;
            var changed = Answers.Where(a => a.Value.ValueKind == JsonValueKind.Null
                    ? stored.ContainsKey(a.Key)
                    : !stored.TryGetValue(a.Key, out var old) || !JsonElement.DeepEquals(old, ApplicationForm.Normalise(a.Value)))
                .ToDictionary(StringComparer.Ordinal);
            var amount = RequestedAmount == application.RequestedAmount ? null : RequestedAmount;
            return new Changes(changed, amount, ClearAmount && application.RequestedAmount is not null, Errors);
        }
    }

    /// <summary>Reads the posted values of the fields <paramref name="mayChange"/> allows; file fields travel as attachments.</summary>
    public static Changes Read(IReadOnlyList<FormField> form, IFormCollection posted, Func<string, bool> mayChange)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(mayChange);
        var answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in form.Where(f => f.Type != FormFieldType.File && !ApplicationForm.IsRequestedAmount(f) && mayChange(f.Key)))
        {
            if (!posted.TryGetValue(Prefix + field.Key, out var values))
            {
                continue;
            }

            if (Parse(field, values) is var (value, error) && error is not null)
            {
                errors[field.Key] = error;
            }
            else
            {
                answers[field.Key] = value;
            }
        }

        long? amount = null;
        var clear = false;
        if (mayChange(ApplicationService.RequestedAmountField) && posted.TryGetValue(ApplicationService.RequestedAmountField, out var amountText))
        {
            var text = amountText.ToString();
            if (string.IsNullOrWhiteSpace(text))
            {
                clear = true;
            }
            else if (Money.TryParse(text, out var parsed))
            {
                amount = parsed;
            }
            else
            {
                errors[ApplicationService.RequestedAmountField] = "Give a whole, non-negative number of đồng.";
            }
        }

        return new Changes(answers, amount, clear, errors);
    }

    /// <summary>The text an input shows for a stored answer (several for a multichoice).</summary>
    public static IReadOnlyList<string> ToInput(FormField field, JsonElement? answer)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (answer is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return [];
        }

        return field.Type switch
        {
            FormFieldType.MultiChoice when value.ValueKind == JsonValueKind.Array => [.. value.EnumerateArray().Select(v => v.ToString())],
            FormFieldType.Number when value.ValueKind == JsonValueKind.Number => [value.GetDecimal().ToString(CultureInfo.CurrentCulture)],
            FormFieldType.Date when IsoDate(value) is { } date => [VietnamTime.FormatDate(date)],
            FormFieldType.Money when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var amount) => [Grouped(amount)],
            _ => [value.ToString()],
        };
    }

    /// <summary>
    /// An amount of đồng as a money input shows it, "1.500.000.000" without the sign: the way the page's script
    /// groups it while the applicant types, and what <see cref="Money.TryParse"/> reads back.
    /// </summary>
    public static string Grouped(long amount) => amount.ToString("#,0", MoneyInput);

    private static readonly NumberFormatInfo MoneyInput = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = ",", NegativeSign = "-" };

    private static (JsonElement Value, string? Error) Parse(FormField field, StringValues values)
    {
        var text = values.Count > 0 ? values[0]?.Trim() : null;
        if (field.Type == FormFieldType.MultiChoice)
        {
            // The form sends an empty value first so that "none ticked" still reaches the server.
            var chosen = values.Where(v => !string.IsNullOrEmpty(v)).ToArray();
            return (chosen.Length == 0 ? Null : JsonSerializer.SerializeToElement(chosen), null);
        }

        if (string.IsNullOrEmpty(text))
        {
            return (Null, null);
        }

        switch (field.Type)
        {
            case FormFieldType.Number:
                return Numbers.TryParse(text, out var parsed)
                    ? (JsonSerializer.SerializeToElement(parsed), null)
                    : (Null, "Give a number.");
            case FormFieldType.Money:
                return Money.TryParse(text, out var amount) ? (JsonSerializer.SerializeToElement(amount), null) : (Null, "Give a whole, non-negative number of đồng.");
            case FormFieldType.Date:
                return VietnamTime.TryParseDate(text, out var date)
                    ? (JsonSerializer.SerializeToElement(VietnamTime.FormatIsoDate(date)), null)
                    : (Null, "Give a date as dd/MM/yyyy.");
            default:
                return (JsonSerializer.SerializeToElement(text), null);
        }
    }

    private static DateOnly? IsoDate(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && VietnamTime.TryParseIsoDate(value.GetString(), out var date) ? date : null;

    private static JsonElement Null => JsonSerializer.SerializeToElement<object?>(null);
}
