using System.Globalization;
using System.Text;
using Incubator.Core.Text;
using Incubator.Core.Time;

namespace Incubator.Web.Features.Programmes.Admin;

/// <summary>
/// A programme as the builder's form holds it: every value as the officer typed it, so a refused value is shown again
/// as typed. The inputs are named by the JSON paths of <see cref="ProgrammeDefinition"/> ("name.vi", "rounds[0].opensAt",
/// "form[2].label.vi", "rubric.criteria[1].maxPoints"), so the definition's problems land beside the inputs they concern.
/// Keys of rounds, fields, criteria and choices are made from their names and kept once saved, since applications and
/// score sheets refer to them.
/// </summary>
internal sealed class ProgrammeDraft
{
    /// <summary>The most rows of one kind a post is read for; a form has far fewer.</summary>
    public const int MaxRows = 200;

    private const int MaxKeyLength = 60;
    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy HH:mm:ss", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss"];

    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public string Key { get; set; } = string.Empty;
    public string NameVi { get; set; } = string.Empty;
    public string NameEn { get; set; } = string.Empty;
    public string LegalBasis { get; set; } = string.Empty;
    public string SupportType { get; set; } = string.Empty;
    public string Description { get; set; } = string.Empty;
    public List<string> EligibleKinds { get; set; } = [];
    public List<string> EligibleLocalities { get; set; } = [];
    public string MaxOrganisationAgeYears { get; set; } = string.Empty;
    public string Budget { get; set; } = string.Empty;
    public string MaxPerApplication { get; set; } = string.Empty;

    /// <summary>The applicant's co-funding share in percent ("30" for 0.3).</summary>
    public string CoFundingShare { get; set; } = string.Empty;

    public string Workflow { get; set; } = string.Empty;

    /// <summary>The target keys, kept as they are: the builder does not edit them, the JSON does.</summary>
    public List<string> Targets { get; set; } = [];

    public List<RoundDraft> Rounds { get; set; } = [];
    public List<FieldDraft> Fields { get; set; } = [];

    /// <summary>The inputs of the requested amount's place in the form, named "requestedAmount.*".</summary>
    public const string AmountPath = Applications.ApplicationService.RequestedAmountField;

    /// <summary>The amount's label when the programme gives none, as applicants read it otherwise.</summary>
    public const string DefaultAmountVi = "Kinh phí đề nghị";

    public const string DefaultAmountEn = "Requested amount";

    /// <summary>
    /// Where the requested amount stands among <see cref="Fields"/>: how many fields come before it. Every application
    /// asks for the amount, so the officer moves it like a field but never removes it.
    /// </summary>
    public int AmountAt { get; set; }

    /// <summary>
    /// Whether the programme's form places the amount itself. A form that does not gets it before its first file
    /// field (see Applications' ApplicationForm.Ordered), so the item is written only once the officer moves it, names
    /// it otherwise or the form already had it.
    /// </summary>
    public bool AmountPlaced { get; set; }

    public string AmountLabelVi { get; set; } = DefaultAmountVi;
    public string AmountLabelEn { get; set; } = DefaultAmountEn;
    public string AmountHelpVi { get; set; } = string.Empty;
    public string AmountHelpEn { get; set; } = string.Empty;

    /// <summary>The amount's index in the definition <see cref="ToDefinition"/> wrote, or -1 when it wrote none.</summary>
    private int _amountIndex = -1;

    /// <summary>Where the site puts the amount when the form does not place it: before the first file field.</summary>
    public int DefaultAmountAt => Fields.FindIndex(f => f.IsFile) is var file and >= 0 ? file : Fields.Count;
    public string PassMark { get; set; } = string.Empty;

    /// <summary>The outlier rule's share in percent; blank turns the rule off.</summary>
    public string OutlierShare { get; set; } = string.Empty;

    /// <summary>The zero-veto rule's share in percent; blank turns the rule off.</summary>
    public string ZeroVetoShare { get; set; } = string.Empty;

    public bool TieBreakBySmallerAmount { get; set; }
    public bool HundredPointScale { get; set; }
    public List<CriterionDraft> Criteria { get; set; } = [];

    /// <summary>A new programme: the texts staff must write left empty, one round, one field and one criterion to start from.</summary>
    public static ProgrammeDraft New(DateTime nowUtc)
    {
        var rules = ConsolidationRules.Default;
        var draft = new ProgrammeDraft
        {
            EligibleKinds = [.. ProgrammeDefinition.Kinds],
            CoFundingShare = "30",
            Workflow = "support-approval",
            PassMark = "70",
            OutlierShare = Percent(rules.OutlierShare),
            ZeroVetoShare = Percent(rules.ZeroVetoShare),
            TieBreakBySmallerAmount = rules.TieBreakBySmallerAmount,
            HundredPointScale = true,
            Fields = [new FieldDraft { Type = FormFieldType.LongText, Required = true }],
            Criteria = [new CriterionDraft()],
        };
        draft.Rounds.Add(NewRound(nowUtc));
        draft.AmountAt = draft.DefaultAmountAt;
        return draft;
    }

    /// <summary>The builder's inputs for a definition (a saved programme, or an uploaded file).</summary>
    public static ProgrammeDraft From(ProgrammeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var rules = definition.Rubric?.EffectiveRules ?? ConsolidationRules.Default;
        var form = (definition.Form ?? []).Where(f => f is not null).ToList();
        var amount = form.FindIndex(f => f.Key == AmountPath);
        var placed = amount >= 0 ? form[amount] : null;
        var draft = new ProgrammeDraft
        {
            Key = definition.Key ?? string.Empty,
            NameVi = definition.Name?.Vi ?? string.Empty,
            NameEn = definition.Name?.En ?? string.Empty,
            LegalBasis = definition.LegalBasis ?? string.Empty,
            SupportType = definition.SupportType ?? string.Empty,
            Description = definition.Description ?? string.Empty,
            EligibleKinds = [.. definition.EligibleKinds ?? []],
            EligibleLocalities = [.. definition.EligibleLocalities ?? []],
            MaxOrganisationAgeYears = Whole(definition.MaxOrganisationAgeYears),
            Budget = Amount(definition.Budget),
            MaxPerApplication = Amount(definition.MaxPerApplication),
            CoFundingShare = Percent(definition.CoFundingShare),
            Workflow = definition.Workflow ?? string.Empty,
            Targets = [.. definition.Targets ?? []],
            Rounds = [.. (definition.Rounds ?? []).Where(r => r is not null).Select(r => new RoundDraft
            {
                Key = r.Key ?? string.Empty,
                NameVi = r.Name?.Vi ?? string.Empty,
                NameEn = r.Name?.En ?? string.Empty,
                OpensAt = LocalInput(r.OpensAt),
                ClosesAt = LocalInput(r.ClosesAt),
            })],
            AmountPlaced = placed is not null,
            AmountLabelVi = placed?.Label?.Vi ?? DefaultAmountVi,
            AmountLabelEn = placed is null ? DefaultAmountEn : placed.Label?.En ?? string.Empty,
            AmountHelpVi = placed?.Help?.Vi ?? string.Empty,
            AmountHelpEn = placed?.Help?.En ?? string.Empty,
            Fields = [.. form.Where(f => f.Key != AmountPath).Select(f => new FieldDraft
            {
                Key = f.Key ?? string.Empty,
                Type = f.Type,
                LabelVi = f.Label?.Vi ?? string.Empty,
                LabelEn = f.Label?.En ?? string.Empty,
                HelpVi = f.Help?.Vi ?? string.Empty,
                HelpEn = f.Help?.En ?? string.Empty,
                Required = f.Required,
                Options = string.Join('\n', f.Choices.Select(o => string.IsNullOrWhiteSpace(o.Label?.En) ? o.Label?.Vi ?? string.Empty : $"{o.Label.Vi} | {o.Label.En}")),
                OptionValues = string.Join('\n', f.Choices.Select(o => $"{o.Value}|{o.Label?.Vi}")),
                MaxLength = Whole(f.MaxLength),
                FileTypes = string.Join(", ", f.FileTypes ?? []),
                MaxFileSizeMb = Whole(f.MaxFileSizeMb),
                MaxFiles = Whole(f.MaxFiles),
            })],
            PassMark = definition.Rubric is { } rubric ? rubric.PassMark.ToString("0.##", CultureInfo.CurrentCulture) : string.Empty,
            OutlierShare = Percent(rules.OutlierShare),
            ZeroVetoShare = Percent(rules.ZeroVetoShare),
            TieBreakBySmallerAmount = rules.TieBreakBySmallerAmount,
            HundredPointScale = rules.HundredPointScale,
            Criteria = [.. (definition.Rubric?.Criteria ?? []).Where(c => c is not null).Select(c => new CriterionDraft
            {
                Key = c.Key ?? string.Empty,
                LabelVi = c.Label?.Vi ?? string.Empty,
                LabelEn = c.Label?.En ?? string.Empty,
                MaxPoints = c.MaxPoints.ToString(CultureInfo.InvariantCulture),
                GuidanceVi = c.Guidance?.Vi ?? string.Empty,
                GuidanceEn = c.Guidance?.En ?? string.Empty,
            })],
        };
        draft.AmountAt = amount >= 0 ? amount : draft.DefaultAmountAt;
        return draft;
    }

    /// <summary>The builder's inputs as posted.</summary>
    public static ProgrammeDraft Read(IFormCollection posted)
    {
        ArgumentNullException.ThrowIfNull(posted);
        string Posted(string name) => posted.TryGetValue(name, out var values) ? values.ToString().Trim() : string.Empty;
        bool Ticked(string name) => posted.TryGetValue(name, out var values) && values.Any(v => v is "true" or "on");
        List<string> All(string name) => posted.TryGetValue(name, out var values) ? [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal)] : [];
        IEnumerable<int> Rows(string prefix) => Enumerable.Range(0, MaxRows).TakeWhile(i => posted.ContainsKey($"{prefix}[{i}].key"));

        var draft = new ProgrammeDraft
        {
            Key = Posted("key"),
            NameVi = Posted("name.vi"),
            NameEn = Posted("name.en"),
            LegalBasis = Posted("legalBasis"),
            SupportType = Posted("supportType"),
            Description = Posted("description"),
            EligibleKinds = All("eligibleKinds"),
            EligibleLocalities = All("eligibleLocalities"),
            MaxOrganisationAgeYears = Posted("maxOrganisationAgeYears"),
            Budget = Posted("budget"),
            MaxPerApplication = Posted("maxPerApplication"),
            CoFundingShare = Posted("coFundingShare"),
            Workflow = Posted("workflow"),
            Targets = All("targets"),
            PassMark = Posted("rubric.passMark"),
            OutlierShare = Posted("rubric.rules.outlierShare"),
            ZeroVetoShare = Posted("rubric.rules.zeroVetoShare"),
            TieBreakBySmallerAmount = Ticked("rubric.rules.tieBreakBySmallerAmount"),
            HundredPointScale = Ticked("rubric.rules.hundredPointScale"),
        };
        draft.Rounds.AddRange(Rows("rounds").Select(i => new RoundDraft
        {
            Key = Posted($"rounds[{i}].key"),
            NameVi = Posted($"rounds[{i}].name.vi"),
            NameEn = Posted($"rounds[{i}].name.en"),
            OpensAt = Posted($"rounds[{i}].opensAt"),
            ClosesAt = Posted($"rounds[{i}].closesAt"),
        }));
        draft.Fields.AddRange(Rows("form").Select(i => new FieldDraft
        {
            Key = Posted($"form[{i}].key"),
            Type = ReadType(Posted($"form[{i}].type")),
            LabelVi = Posted($"form[{i}].label.vi"),
            LabelEn = Posted($"form[{i}].label.en"),
            HelpVi = Posted($"form[{i}].help.vi"),
            HelpEn = Posted($"form[{i}].help.en"),
            Required = Ticked($"form[{i}].required"),
            Options = Posted($"form[{i}].options").Replace("\r", string.Empty, StringComparison.Ordinal),
            OptionValues = Posted($"form[{i}].optionValues").Replace("\r", string.Empty, StringComparison.Ordinal),
            MaxLength = Posted($"form[{i}].maxLength"),
            FileTypes = Posted($"form[{i}].fileTypes"),
            MaxFileSizeMb = Posted($"form[{i}].maxFileSizeMb"),
            MaxFiles = Posted($"form[{i}].maxFiles"),
        }));
        if (int.TryParse(Posted($"{AmountPath}.at"), NumberStyles.None, CultureInfo.InvariantCulture, out var at))
        {
            (draft.AmountLabelVi, draft.AmountLabelEn, draft.AmountHelpVi, draft.AmountHelpEn) =
                (Posted($"{AmountPath}.label.vi"), Posted($"{AmountPath}.label.en"), Posted($"{AmountPath}.help.vi"), Posted($"{AmountPath}.help.en"));
            // Named or helped otherwise than the site would, the amount is the form's own item from then on.
            draft.AmountPlaced = Ticked($"{AmountPath}.placed")
                || draft.AmountLabelVi != DefaultAmountVi || draft.AmountLabelEn != DefaultAmountEn || draft.AmountHelpVi.Length > 0 || draft.AmountHelpEn.Length > 0;
            draft.AmountAt = draft.AmountPlaced ? Math.Min(at, draft.Fields.Count) : draft.DefaultAmountAt;
        }
        else
        {
            draft.AmountAt = draft.DefaultAmountAt;
        }
        draft.Criteria.AddRange(Rows("rubric.criteria").Select(i => new CriterionDraft
        {
            Key = Posted($"rubric.criteria[{i}].key"),
            LabelVi = Posted($"rubric.criteria[{i}].label.vi"),
            LabelEn = Posted($"rubric.criteria[{i}].label.en"),
            MaxPoints = Posted($"rubric.criteria[{i}].maxPoints"),
            GuidanceVi = Posted($"rubric.criteria[{i}].guidance.vi"),
            GuidanceEn = Posted($"rubric.criteria[{i}].guidance.en"),
        }));
        return draft;
    }

    /// <summary>A field type as a select posts it ("longtext"); an unknown one reads as text.</summary>
    public static FormFieldType ReadType(string? text) =>
        Enum.GetValues<FormFieldType>().FirstOrDefault(t => string.Equals(TypeName(t), text, StringComparison.Ordinal));

    /// <summary>A field type as the JSON and the builder's select write it.</summary>
    public static string TypeName(FormFieldType type) => type.ToString().ToLowerInvariant();

    /// <summary>
    /// Carries out one of the buttons that change the builder's rows (add, remove, move up or down) and says whether
    /// <paramref name="command"/> was one; nothing is saved.
    /// </summary>
    public bool Apply(string? command, FormFieldType newFieldType, DateTime nowUtc)
    {
        var applied = ApplyCommand(command, newFieldType, nowUtc);

        // Until the officer places it, the amount stands where the site would put it among the fields as they are now.
        if (!AmountPlaced)
        {
            AmountAt = DefaultAmountAt;
        }

        return applied;
    }

    private bool ApplyCommand(string? command, FormFieldType newFieldType, DateTime nowUtc)
    {
        var (verb, index) = Split(command);
        switch (verb)
        {
            case "add-round":
                Rounds.Add(NewRound(nowUtc));
                return true;
            case "remove-round":
                return Remove(Rounds, index);
            case "add-field":
                Fields.Add(new FieldDraft { Type = newFieldType });
                return true;
            case "remove-field":
                // The amount keeps its place among the fields that remain.
                AmountAt -= index >= 0 && index < AmountAt ? 1 : 0;
                return Remove(Fields, index);
            case "field-up" when AmountPlaced && index == AmountAt && index < Fields.Count:
                // A field right after the placed amount moves up past it.
                AmountAt++;
                return true;
            case "field-up":
                return Move(Fields, index, -1);
            case "field-down" when AmountPlaced && index >= 0 && index == AmountAt - 1:
                AmountAt--;
                return true;
            case "field-down":
                return Move(Fields, index, 1);
            case "amount-up":
                (AmountAt, AmountPlaced) = (Math.Max(0, AmountAt - 1), true);
                return true;
            case "amount-down":
                (AmountAt, AmountPlaced) = (Math.Min(Fields.Count, AmountAt + 1), true);
                return true;
            case "add-criterion":
                Criteria.Add(new CriterionDraft());
                return true;
            case "remove-criterion":
                return Remove(Criteria, index);
            case "criterion-up":
                return Move(Criteria, index, -1);
            case "criterion-down":
                return Move(Criteria, index, 1);
            default:
                return false;
        }
    }

    /// <summary>
    /// The definition the inputs describe, with what could not be read keyed by its input's path (a money amount, a
    /// time, a number). Values that could not be read are left out, and the definition's own check names what is missing.
    /// </summary>
    public (ProgrammeDefinition Definition, Dictionary<string, string> Errors) ToDefinition()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var key = Key.Length > 0 ? Key : Slug.From(NameVi);
        var rounds = new List<ProgrammeRound>();
        var roundKeys = new HashSet<string>(Rounds.Where(r => r.Key.Length > 0).Select(r => r.Key), StringComparer.Ordinal);
        for (var i = 0; i < Rounds.Count; i++)
        {
            var round = Rounds[i];
            var opens = ReadTime(round.OpensAt, $"rounds[{i}].opensAt", errors);
            var closes = ReadTime(round.ClosesAt, $"rounds[{i}].closesAt", errors);
            var roundKey = round.Key.Length > 0 ? round.Key : Unique(Cut(Slug.From(round.NameVi)), roundKeys, "-");
            if (round.NameVi.Length == 0 && round.Key.Length == 0)
            {
                errors[$"rounds[{i}].name.vi"] = "Give the round's name in Vietnamese, e.g. Đợt 1 năm 2027.";
            }

            rounds.Add(new ProgrammeRound(roundKey, opens ?? DateTimeOffset.MinValue, closes ?? DateTimeOffset.MaxValue,
                round.NameVi.Length == 0 && round.NameEn.Length == 0 ? null : new LocalizedText(round.NameVi, Blank(round.NameEn))));
        }

        var fields = new List<FormField>();
        var fieldKeys = new HashSet<string>(Fields.Where(f => f.Key.Length > 0).Select(f => f.Key), StringComparer.Ordinal);
        for (var i = 0; i < Fields.Count; i++)
        {
            fields.Add(ToField(Fields[i], i, fieldKeys, errors));
        }

        _amountIndex = -1;
        if (AmountPlaced)
        {
            _amountIndex = Math.Clamp(AmountAt, 0, fields.Count);
            fields.Insert(_amountIndex, new FormField(
                AmountPath, FormFieldType.Money, new LocalizedText(AmountLabelVi, Blank(AmountLabelEn)), Required: true,
                Help: Text(AmountHelpVi, AmountHelpEn, $"{AmountPath}.help", errors)));
        }

        var criteria = new List<RubricCriterion>();
        var criterionKeys = new HashSet<string>(Criteria.Where(c => c.Key.Length > 0).Select(c => c.Key), StringComparer.Ordinal);
        for (var i = 0; i < Criteria.Count; i++)
        {
            var criterion = Criteria[i];
            var points = ReadWhole(criterion.MaxPoints, $"rubric.criteria[{i}].maxPoints", errors);
            if (points is null && criterion.MaxPoints.Length == 0)
            {
                errors[$"rubric.criteria[{i}].maxPoints"] = "Give the criterion's maximum points, e.g. 20.";
            }

            var criterionKey = criterion.Key.Length > 0 ? criterion.Key : Unique(Cut(Slug.From(criterion.LabelVi)) is { Length: > 0 } slug ? slug : "criterion", criterionKeys, "-");
            criteria.Add(new RubricCriterion(criterionKey, new LocalizedText(criterion.LabelVi, Blank(criterion.LabelEn)), points ?? 0, Text(criterion.GuidanceVi, criterion.GuidanceEn, $"rubric.criteria[{i}].guidance", errors)));
        }

        var passMark = ReadDecimal(PassMark, "rubric.passMark", errors);
        if (passMark is null && PassMark.Length == 0)
        {
            errors["rubric.passMark"] = "Give the pass mark on 100 points, e.g. 70.";
        }

        var rules = new ConsolidationRules(ReadShare(OutlierShare, "rubric.rules.outlierShare", errors), ReadShare(ZeroVetoShare, "rubric.rules.zeroVetoShare", errors), TieBreakBySmallerAmount, HundredPointScale);
        var definition = new ProgrammeDefinition(
            Key: key,
            Name: new LocalizedText(NameVi, Blank(NameEn)),
            LegalBasis: LegalBasis,
            SupportType: SupportType,
            EligibleKinds: EligibleKinds,
            Rounds: rounds,
            Budget: ReadAmount(Budget, "budget", errors),
            MaxPerApplication: ReadAmount(MaxPerApplication, "maxPerApplication", errors),
            CoFundingShare: ReadShare(CoFundingShare, "coFundingShare", errors),
            Form: fields,
            // The defaults are written as no rules at all, as the JSON of a programme that never chose any.
            Rubric: new Rubric(passMark ?? -1, criteria, rules == ConsolidationRules.Default ? null : rules),
            Workflow: Workflow,
            Description: Blank(Description),
            EligibleLocalities: EligibleLocalities,
            MaxOrganisationAgeYears: ReadWhole(MaxOrganisationAgeYears, "maxOrganisationAgeYears", errors),
            Targets: Targets);
        return (definition, errors);
    }

    /// <summary>
    /// The builder's input a path of the definition <see cref="ToDefinition"/> last wrote concerns: the form's items
    /// after the requested amount sit one place further there than among the builder's fields.
    /// </summary>
    public string InputPath(string definitionPath)
    {
        ArgumentNullException.ThrowIfNull(definitionPath);
        var close = definitionPath.IndexOf(']', StringComparison.Ordinal);
        if (_amountIndex < 0 || !definitionPath.StartsWith("form[", StringComparison.Ordinal) || close < 0
            || !int.TryParse(definitionPath.AsSpan(5, close - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index < _amountIndex)
        {
            return definitionPath;
        }

        return index == _amountIndex ? AmountPath + definitionPath[(close + 1)..] : $"form[{index - 1}]{definitionPath[(close + 1)..]}";
    }

    /// <summary>A time in Vietnam as a date-time input shows it.</summary>
    public static string LocalInput(DateTimeOffset instant) =>
        instant == DateTimeOffset.MinValue || instant == DateTimeOffset.MaxValue
            ? string.Empty
            : instant.ToOffset(VietnamOffset).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static FormField ToField(FieldDraft field, int i, HashSet<string> keys, Dictionary<string, string> errors)
    {
        var path = $"form[{i}]";
        var key = field.Key.Length > 0 ? field.Key : Unique(FieldKey(field.LabelVi), keys, string.Empty);
        IReadOnlyList<FormOption>? options = null;
        if (field.HasChoices)
        {
            // A choice keeps the value it had while its Vietnamese label stays; a new one takes a value made from its label.
            var kept = field.OptionValues.Split('\n').Select(l => l.Split('|', 2)).Where(p => p.Length == 2 && p[0].Length > 0)
                .GroupBy(p => p[1].Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First()[0].Trim(), StringComparer.Ordinal);
            var values = new HashSet<string>(StringComparer.Ordinal);
            options = [.. field.Choices.Select(c =>
            {
                var value = kept.TryGetValue(c.Vi, out var old) && values.Add(old) ? old : Unique(Cut(Slug.From(c.Vi)) is { Length: > 0 } slug ? slug : "option", values, "-");
                return new FormOption(value, new LocalizedText(c.Vi, Blank(c.En)));
            })];
        }

        IReadOnlyList<string>? fileTypes = null;
        if (field.IsFile && field.FileTypes.Length > 0)
        {
            fileTypes = [.. field.FileTypes.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => "." + t.TrimStart('.').ToLowerInvariant()).Select(t => t == ".jpeg" ? ".jpg" : t).Distinct(StringComparer.Ordinal)];
        }

        return new FormField(
            key,
            field.Type,
            new LocalizedText(field.LabelVi, Blank(field.LabelEn)),
            field.Required,
            options,
            field.HasLength ? ReadWhole(field.MaxLength, $"{path}.maxLength", errors) : null,
            Text(field.HelpVi, field.HelpEn, $"{path}.help", errors),
            fileTypes,
            field.IsFile ? ReadWhole(field.MaxFileSizeMb, $"{path}.maxFileSizeMb", errors) : null,
            field.IsFile ? ReadWhole(field.MaxFiles, $"{path}.maxFiles", errors) : null);
    }

    /// <summary>A field key made from a label: its words folded to ASCII in camel case ("Tóm tắt dự án" → "tomTatDuAn").</summary>
    private static string FieldKey(string label)
    {
        var words = Slug.From(label).Split('-', StringSplitOptions.RemoveEmptyEntries);
        var builder = new StringBuilder();
        foreach (var word in words)
        {
            builder.Append(builder.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..]);
            if (builder.Length >= 40)
            {
                break;
            }
        }

        var key = builder.Length > 40 ? builder.ToString(0, 40) : builder.ToString();
        return key.Length == 0 ? "field" : char.IsAsciiLetter(key[0]) ? key : "field" + key;
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

    private static string Cut(string slug) => slug.Length <= MaxKeyLength ? slug : slug[..MaxKeyLength].TrimEnd('-');

    private static RoundDraft NewRound(DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(nowUtc));
        return new RoundDraft
        {
            OpensAt = LocalInput(new DateTimeOffset(today.ToDateTime(new TimeOnly(8, 0)), VietnamOffset)),
            ClosesAt = LocalInput(new DateTimeOffset(today.AddMonths(1).ToDateTime(new TimeOnly(23, 59, 59)), VietnamOffset)),
        };
    }

    private static (string Verb, int Index) Split(string? command)
    {
        if (string.IsNullOrEmpty(command))
        {
            return (string.Empty, -1);
        }

        var colon = command.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (command, -1)
            : (command[..colon], int.TryParse(command[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1);
    }

    private static bool Remove<T>(List<T> rows, int index)
    {
        if (index >= 0 && index < rows.Count)
        {
            rows.RemoveAt(index);
        }

        return true;
    }

    private static bool Move<T>(List<T> rows, int index, int by)
    {
        var target = index + by;
        if (index >= 0 && index < rows.Count && target >= 0 && target < rows.Count)
        {
            (rows[index], rows[target]) = (rows[target], rows[index]);
        }

        return true;
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static LocalizedText? Text(string vi, string en, string path, Dictionary<string, string> errors)
    {
        if (vi.Length == 0 && en.Length > 0)
        {
            errors[$"{path}.vi"] = "Give this text in Vietnamese as well.";
        }

        return vi.Length == 0 ? null : new LocalizedText(vi, Blank(en));
    }

    private static DateTimeOffset? ReadTime(string text, string path, Dictionary<string, string> errors)
    {
        if (DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, VietnamOffset);
        }

        errors[path] = "Give a date and time, e.g. 01/03/2027 08:00.";
        return null;
    }

    private static long? ReadAmount(string text, string path, Dictionary<string, string> errors)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (Money.TryParse(text, out var amount))
        {
            return amount;
        }

        errors[path] = "Give a whole number of đồng, e.g. 1.500.000.000.";
        return null;
    }

    private static int? ReadWhole(string text, string path, Dictionary<string, string> errors)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[path] = "Give a whole number.";
        return null;
    }

    private static decimal? ReadDecimal(string text, string path, Dictionary<string, string> errors)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (Numbers.TryParse(text, out var value))
        {
            return value;
        }

        errors[path] = "Give a number, e.g. 70 or 72,5.";
        return null;
    }

    /// <summary>A percentage as typed ("30", "30 %", "12,5") as a share (0.3); blank is no share.</summary>
    private static decimal? ReadShare(string text, string path, Dictionary<string, string> errors)
    {
        var number = text.TrimEnd('%').Trim();
        if (number.Length == 0)
        {
            return null;
        }

        if (Numbers.TryParse(number, out var percent) && percent is >= 0 and <= 100)
        {
            return percent / 100m;
        }

        errors[path] = "Give a percentage from 0 to 100, e.g. 30.";
        return null;
    }

    private static string Whole(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Amount(long? value) => value is > 0 ? Money.Format(value.Value)[..^2] : string.Empty;

    private static string Percent(decimal? share) => share is { } s ? (s * 100m).ToString("0.##", CultureInfo.CurrentCulture) : string.Empty;
}
