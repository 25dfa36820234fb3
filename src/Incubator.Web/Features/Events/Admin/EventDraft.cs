using System.Globalization;
using System.Text;
using Incubator.Core.Time;
using Incubator.Web.Features.Programmes;

namespace Incubator.Web.Features.Events.Admin;

/// <summary>
/// An event as the editor's form holds it: every value as the officer typed it, so a refused value is shown again as
/// typed. Inputs are named by the API's JSON paths ("title.vi", "startsAt", "questions[0].label.vi"), so the command's
/// problems land beside the inputs they concern. Times are Vietnam time as a datetime-local input gives them.
/// </summary>
internal sealed class EventDraft
{
    /// <summary>The most question rows a post is read for; the command allows fewer.</summary>
    public const int MaxRows = 60;

    /// <summary>The field types a registration question may have: the programme form's, without money and files.</summary>
    public static readonly IReadOnlyList<FormFieldType> QuestionTypes =
        [FormFieldType.Text, FormFieldType.LongText, FormFieldType.Number, FormFieldType.Date, FormFieldType.Choice, FormFieldType.MultiChoice];

    public string Slug { get; set; } = string.Empty;
    public string TitleVi { get; set; } = string.Empty;
    public string TitleEn { get; set; } = string.Empty;
    public string Kind { get; set; } = EventKinds.Training;
    public string Description { get; set; } = string.Empty;
    public string StartsAt { get; set; } = string.Empty;
    public string EndsAt { get; set; } = string.Empty;
    public string Place { get; set; } = string.Empty;
    public string Locality { get; set; } = string.Empty;
    public string OnlineUrl { get; set; } = string.Empty;
    public string Organiser { get; set; } = string.Empty;
    public string Capacity { get; set; } = string.Empty;
    public string RegistrationOpensAt { get; set; } = string.Empty;
    public string RegistrationClosesAt { get; set; } = string.Empty;

    /// <summary>"public", "cohort:KEY" or "segment:ID", as the command reads it.</summary>
    public string Audience { get; set; } = "public";

    public string FeeNote { get; set; } = string.Empty;
    public string ProgrammeKey { get; set; } = string.Empty;
    public bool Published { get; set; }

    /// <summary>The version of the event the form was drawn from (<see cref="StampOf"/>); empty for a new event.</summary>
    public string Stamp { get; set; } = string.Empty;

    public List<QuestionDraft> Questions { get; set; } = [];

    /// <summary>What an event's version is known by: its version number and the instant of its last change (a draft changes in place).</summary>
    public static string StampOf(Event item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return string.Create(CultureInfo.InvariantCulture, $"{item.Version}-{item.ModifiedUtc.Ticks}");
    }

    /// <summary>A new event's form: starting next week at 08:00 for four hours, public, no questions.</summary>
    public static EventDraft New(DateTime nowUtc)
    {
        var day = VietnamTime.ToLocal(nowUtc).Date.AddDays(7);
        return new EventDraft { StartsAt = Input(day.AddHours(8)), EndsAt = Input(day.AddHours(12)) };
    }

    public static EventDraft From(Event item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new EventDraft
        {
            Slug = item.Slug,
            TitleVi = item.Title,
            TitleEn = item.TitleEn ?? string.Empty,
            Kind = item.Kind,
            Description = item.Description ?? string.Empty,
            StartsAt = LocalInput(item.StartsUtc),
            EndsAt = LocalInput(item.EndsUtc),
            Place = item.Place ?? string.Empty,
            Locality = item.Locality ?? string.Empty,
            OnlineUrl = item.OnlineUrl ?? string.Empty,
            Organiser = item.Organiser ?? string.Empty,
            Capacity = item.Capacity?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            RegistrationOpensAt = item.RegistrationOpensUtc is { } opens ? LocalInput(opens) : string.Empty,
            RegistrationClosesAt = item.RegistrationClosesUtc is { } closes ? LocalInput(closes) : string.Empty,
            Audience = EventCommands.FormatAudience(item),
            FeeNote = item.FeeNote ?? string.Empty,
            ProgrammeKey = item.ProgrammeKey ?? string.Empty,
            Published = item.Published,
            Stamp = StampOf(item),
            Questions = [.. item.Questions.Select(QuestionDraft.From)],
        };
    }

    public static EventDraft Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        string Posted(string name) => form[name].FirstOrDefault() ?? string.Empty;
        var draft = new EventDraft
        {
            Slug = Posted("slug").Trim(),
            TitleVi = Posted("title.vi"),
            TitleEn = Posted("title.en"),
            Kind = Posted("kind"),
            Description = Posted("description").Replace("\r", string.Empty, StringComparison.Ordinal),
            StartsAt = Posted("startsAt"),
            EndsAt = Posted("endsAt"),
            Place = Posted("place"),
            Locality = Posted("locality"),
            OnlineUrl = Posted("onlineUrl"),
            Organiser = Posted("organiser"),
            Capacity = Posted("capacity").Trim(),
            RegistrationOpensAt = Posted("registrationOpensAt"),
            RegistrationClosesAt = Posted("registrationClosesAt"),
            Audience = Posted("audience"),
            FeeNote = Posted("feeNote"),
            ProgrammeKey = Posted("programmeKey"),
            Published = form["published"].Any(v => v is "true" or "on"),
            Stamp = Posted("stamp"),
        };
        for (var i = 0; i < MaxRows && form.ContainsKey($"questions[{i}].type"); i++)
        {
            draft.Questions.Add(new QuestionDraft
            {
                Key = Posted($"questions[{i}].key").Trim(),
                Type = ReadType(Posted($"questions[{i}].type")),
                LabelVi = Posted($"questions[{i}].label.vi"),
                LabelEn = Posted($"questions[{i}].label.en"),
                Required = form[$"questions[{i}].required"].Any(v => v is "true" or "on"),
                Options = Posted($"questions[{i}].options").Replace("\r", string.Empty, StringComparison.Ordinal),
                OptionValues = Posted($"questions[{i}].optionValues").Replace("\r", string.Empty, StringComparison.Ordinal),
            });
        }

        return draft;
    }

    /// <summary>
    /// The input the command takes. A capacity that is not a whole number goes as 0, which the command refuses beside
    /// the capacity with its own message, so the form never saves a value other than the one typed.
    /// </summary>
    public EventInput ToInput() => new(
        Blank(Slug), TitleVi, Blank(TitleEn), Kind, Blank(Description), StartsAt, EndsAt, Blank(Place), Blank(Locality), Blank(OnlineUrl), Blank(Organiser),
        Capacity.Length == 0 ? null : int.TryParse(Capacity, NumberStyles.None, CultureInfo.InvariantCulture, out var capacity) && capacity > 0 ? capacity : 0,
        Blank(RegistrationOpensAt), Blank(RegistrationClosesAt), Audience, ToQuestions(), Blank(FeeNote), Blank(ProgrammeKey), Published);

    /// <summary>The questions in the programme form's shape; a question without a key takes one made from its label.</summary>
    public List<FormField> ToQuestions()
    {
        var keys = new HashSet<string>(Questions.Where(q => q.Key.Length > 0).Select(q => q.Key), StringComparer.Ordinal);
        return [.. Questions.Select(q => q.ToField(keys))];
    }

    /// <summary>A row button: "add-question" adds a row, "remove-question-N" removes row N; false for anything else.</summary>
    public bool Apply(string? command)
    {
        if (command == "add-question")
        {
            if (Questions.Count < EventCommands.MaxQuestions)
            {
                Questions.Add(new QuestionDraft());
            }

            return true;
        }

        const string remove = "remove-question-";
        if (command is not null && command.StartsWith(remove, StringComparison.Ordinal)
            && int.TryParse(command[remove.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < Questions.Count)
        {
            Questions.RemoveAt(index);
            return true;
        }

        return false;
    }

    public static FormFieldType ReadType(string? text) =>
        QuestionTypes.FirstOrDefault(t => string.Equals(TypeName(t), text, StringComparison.Ordinal));

    /// <summary>A field type as the API writes it: "longtext", "multichoice".</summary>
    public static string TypeName(FormFieldType type) => type.ToString().ToLowerInvariant();

    /// <summary>A UTC instant as a datetime-local input's value in Vietnam time.</summary>
    public static string LocalInput(DateTime utc) => Input(VietnamTime.ToLocal(utc));

    private static string Input(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>
/// A registration question as the editor's inputs hold it. Choices are typed one a line ("Nhãn | Label"); the values
/// registrations' answers refer to are kept in <see cref="OptionValues"/> ("value|Nhãn" a line), so a choice keeps its
/// value while its Vietnamese label stays the same, as the programme builder does.
/// </summary>
internal sealed class QuestionDraft
{
    private const int MaxKeyLength = 40;

    public string Key { get; set; } = string.Empty;
    public FormFieldType Type { get; set; } = FormFieldType.Text;
    public string LabelVi { get; set; } = string.Empty;
    public string LabelEn { get; set; } = string.Empty;
    public bool Required { get; set; }
    public string Options { get; set; } = string.Empty;
    public string OptionValues { get; set; } = string.Empty;

    public static QuestionDraft From(FormField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new QuestionDraft
        {
            Key = field.Key,
            Type = field.Type,
            LabelVi = field.Label.Vi,
            LabelEn = field.Label.En ?? string.Empty,
            Required = field.Required,
            Options = string.Join('\n', field.Choices.Select(o => string.IsNullOrWhiteSpace(o.Label.En) ? o.Label.Vi : $"{o.Label.Vi} | {o.Label.En}")),
            OptionValues = string.Join('\n', field.Choices.Select(o => $"{o.Value}|{o.Label.Vi}")),
        };
    }

    public FormField ToField(HashSet<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var key = Key.Length > 0 ? Key : Unique(KeyFrom(LabelVi), keys, string.Empty);
        IReadOnlyList<FormOption>? options = null;
        if (Type is FormFieldType.Choice or FormFieldType.MultiChoice)
        {
            var kept = OptionValues.Split('\n').Select(l => l.Split('|', 2)).Where(p => p.Length == 2 && p[0].Trim().Length > 0)
                .GroupBy(p => p[1].Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First()[0].Trim(), StringComparer.Ordinal);
            var values = new HashSet<string>(StringComparer.Ordinal);
            options = [.. Options.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(line =>
            {
                var bar = line.IndexOf('|', StringComparison.Ordinal);
                var (vi, en) = bar < 0 ? (line, string.Empty) : (line[..bar].Trim(), line[(bar + 1)..].Trim());
                var value = kept.TryGetValue(vi, out var old) && values.Add(old) ? old : Unique(Cut(Core.Text.Slug.From(vi)) is { Length: > 0 } slug ? slug : "option", values, "-");
                return new FormOption(value, new LocalizedText(vi, en.Length == 0 ? null : en));
            })];
        }

        return new FormField(key, Type, new LocalizedText(LabelVi.Trim(), string.IsNullOrWhiteSpace(LabelEn) ? null : LabelEn.Trim()), Required, options);
    }

    /// <summary>A key made from a label: its words folded to ASCII in camel case ("Đơn vị công tác" → "donViCongTac").</summary>
    private static string KeyFrom(string label)
    {
        var builder = new StringBuilder();
        foreach (var word in Core.Text.Slug.From(label).Split('-', StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(builder.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..]);
        }

        var key = builder.Length > MaxKeyLength ? builder.ToString(0, MaxKeyLength) : builder.ToString();
        return key.Length == 0 ? "question" : char.IsAsciiLetter(key[0]) ? key : "question" + key;
    }

    private static string Unique(string wanted, HashSet<string> taken, string separator)
    {
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? wanted : wanted + separator + n.ToString(CultureInfo.InvariantCulture);
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private static string Cut(string slug) => slug.Length <= 60 ? slug : slug[..60].TrimEnd('-');
}
