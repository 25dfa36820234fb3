using System.Text.Json;
using System.Text.RegularExpressions;
using Incubator.Core.Results;
using Incubator.Core.Text;

namespace Incubator.Web.Features.Programmes;

/// <summary>
/// A programme in the one JSON shape that recipes, the API and the back office's editor share. <see cref="Validate"/>
/// lists every problem with its JSON path; <see cref="ApplyTo"/> writes a valid definition onto a programme version.
/// </summary>
internal sealed partial record ProgrammeDefinition(
    string? Key,
    LocalizedText? Name,
    string? LegalBasis,
    string? SupportType,
    IReadOnlyList<string>? EligibleKinds,
    IReadOnlyList<ProgrammeRound>? Rounds,
    long? Budget,
    long? MaxPerApplication,
    decimal? CoFundingShare,
    IReadOnlyList<FormField>? Form,
    Rubric? Rubric,
    string? Workflow,
    string? Description = null,
    IReadOnlyList<string>? EligibleLocalities = null,
    int? MaxOrganisationAgeYears = null,
    IReadOnlyList<string>? Targets = null)
{
    public static readonly IReadOnlyList<string> Kinds = ["startup", "enterprise"];

    /// <summary>The longest round key: applications keep it in a column of 64 characters.</summary>
    public const int MaxRoundKeyLength = 64;

    public static ProgrammeDefinition Parse(string json) =>
        JsonSerializer.Deserialize<ProgrammeDefinition>(json, ProgrammeJson.Options) ?? throw new JsonException("The programme is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, ProgrammeJson.Indented);

    public static ProgrammeDefinition From(Programme programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        return new ProgrammeDefinition(
            programme.Slug, programme.Name, programme.LegalBasis, programme.SupportType, programme.EligibleKinds, programme.Rounds,
            programme.Budget, programme.MaxPerApplication, WithoutTrailingZeros(programme.CoFundingShare), programme.Form, programme.Rubric, programme.Workflow,
            programme.Description, programme.EligibleLocalities, programme.MaxOrganisationAgeYears, programme.Targets);
    }

    /// <summary>The definition as the site would store and give it back, for telling whether a change changes anything.</summary>
    public string Canonical()
    {
        var programme = new Programme();
        ApplyTo(programme);
        return From(programme).ToJson();
    }

    // A database gives 0.3 back as 0.3000; both mean the same share.
    private static decimal WithoutTrailingZeros(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>Every problem, keyed by JSON path; <paramref name="isTerm"/> says whether a taxonomy term exists.</summary>
    public Dictionary<string, string> Validate(Func<string, string, bool> isTerm, Func<string, bool> isWorkflowType)
    {
        ArgumentNullException.ThrowIfNull(isTerm);
        ArgumentNullException.ThrowIfNull(isWorkflowType);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Key) || !Slug.IsValid(Key))
        {
            errors["key"] = "Give a key of lower-case letters, digits and dashes, e.g. cb-startup-2026.";
        }

        if (string.IsNullOrWhiteSpace(Name?.Vi))
        {
            errors["name.vi"] = "Give the programme's name in Vietnamese.";
        }
        else if (Name.Vi.Length > 300 || Name.En?.Length > 300)
        {
            errors["name"] = "A name may be at most 300 characters long.";
        }

        if (string.IsNullOrWhiteSpace(LegalBasis) || LegalBasis.Length > 500)
        {
            errors["legalBasis"] = "Give the legal basis (at most 500 characters), e.g. Kế hoạch 62/KH-UBND.";
        }

        if (string.IsNullOrWhiteSpace(SupportType) || !isTerm(Taxonomies.TaxonomyTerm.SupportTypes, SupportType))
        {
            errors["supportType"] = "Choose a support type from the support-types taxonomy.";
        }

        if (EligibleKinds is not { Count: > 0 } || EligibleKinds.Any(k => !Kinds.Contains(k)))
        {
            errors["eligibleKinds"] = "List who may apply: startup, enterprise or both.";
        }

        foreach (var (locality, i) in (EligibleLocalities ?? []).Select((l, i) => (l, i)))
        {
            if (!isTerm(Taxonomies.TaxonomyTerm.Localities, locality))
            {
                errors[$"eligibleLocalities[{i}]"] = "Not a locality of the localities taxonomy.";
            }
        }

        if (MaxOrganisationAgeYears is < 1 or > 100)
        {
            errors["maxOrganisationAgeYears"] = "Give a whole number of years from 1 to 100.";
        }

        ValidateRounds(errors);
        if (Budget is not > 0)
        {
            errors["budget"] = "Give the total budget in đồng, more than zero.";
        }

        if (MaxPerApplication is not > 0)
        {
            errors["maxPerApplication"] = "Give the maximum per application in đồng, more than zero.";
        }
        else if (Budget is > 0 && MaxPerApplication > Budget)
        {
            errors["maxPerApplication"] = "The maximum per application cannot exceed the budget.";
        }

        if (CoFundingShare is not (>= 0 and <= 1))
        {
            errors["coFundingShare"] = "Give the applicant's co-funding share between 0 and 1, e.g. 0.3.";
        }

        ValidateForm(errors);
        if (Rubric is null)
        {
            errors["rubric"] = "Give the scoring rubric: a pass mark and the criteria.";
        }
        else
        {
            foreach (var problem in Rubric.Validate())
            {
                errors[problem.Path] = FormattedMessage.Create(problem.Message, problem.Arguments);
            }
        }

        if (string.IsNullOrWhiteSpace(Workflow) || !isWorkflowType(Workflow))
        {
            errors["workflow"] = "Name an installed workflow type, e.g. support-approval.";
        }

        return errors;
    }

    /// <summary>Writes a valid definition onto a programme version (its key becomes the slug).</summary>
    public void ApplyTo(Programme programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        programme.Slug = Key!;
        programme.Title = Name!.Vi.Trim();
        programme.NameEn = string.IsNullOrWhiteSpace(Name.En) ? null : Name.En.Trim();
        programme.LegalBasis = LegalBasis!.Trim();
        programme.SupportType = SupportType!;
        programme.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        programme.EligibleKinds = [.. EligibleKinds!];
        programme.EligibleLocalities = [.. EligibleLocalities ?? []];
        programme.MaxOrganisationAgeYears = MaxOrganisationAgeYears;
        programme.Budget = Budget!.Value;
        programme.MaxPerApplication = MaxPerApplication!.Value;
        programme.CoFundingShare = CoFundingShare!.Value;
        programme.Workflow = Workflow!;
        programme.Targets = [.. Targets ?? []];
        programme.RoundsJson = JsonSerializer.Serialize(Rounds, ProgrammeJson.Options);
        programme.FormJson = JsonSerializer.Serialize(Form, ProgrammeJson.Options);
        programme.RubricJson = JsonSerializer.Serialize(Rubric, ProgrammeJson.Options);
    }

    private void ValidateRounds(Dictionary<string, string> errors)
    {
        if (Rounds is not { Count: > 0 })
        {
            errors["rounds"] = "Give at least one round with its opening and closing time.";
            return;
        }

        for (var i = 0; i < Rounds.Count; i++)
        {
            var round = Rounds[i];
            if (string.IsNullOrWhiteSpace(round.Key) || !Slug.IsValid(round.Key) || round.Key.Length > MaxRoundKeyLength)
            {
                errors[$"rounds[{i}].key"] = "Give the round a key of lower-case letters, digits and dashes, e.g. 2026-1.";
            }

            if (round.Name is { } name && (string.IsNullOrWhiteSpace(name.Vi) || name.Vi.Length > 200 || name.En?.Length > 200))
            {
                errors[$"rounds[{i}].name.vi"] = "Give the round's name in Vietnamese, at most 200 characters, e.g. Đợt 1 năm 2027.";
            }

            if (round.ClosesAt <= round.OpensAt)
            {
                errors[$"rounds[{i}].closesAt"] = "A round must close after it opens.";
            }
        }

        foreach (var duplicate in Rounds.GroupBy(r => r.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors["rounds"] = FormattedMessage.Create("The round key '{0}' is used twice.", duplicate.Key);
        }
    }

    private void ValidateForm(Dictionary<string, string> errors)
    {
        if (Form is not { Count: > 0 })
        {
            errors["form"] = "Give the application form: at least one field.";
            return;
        }

        ValidateFields(Form, "form", errors);
    }

    /// <summary>
    /// Checks the fields of a form in the programme form's shape (keys, labels, choices, limits), keyed by JSON path under
    /// <paramref name="path"/>; events' registration questions are checked by the same rules.
    /// </summary>
    public static void ValidateFields(IReadOnlyList<FormField> fields, string path, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(errors);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (string.IsNullOrWhiteSpace(field.Key) || !FieldKey().IsMatch(field.Key))
            {
                errors[$"{path}[{i}].key"] = "Give the field a key of letters and digits starting with a letter, e.g. summary.";
            }

            if (string.IsNullOrWhiteSpace(field.Label?.Vi))
            {
                errors[$"{path}[{i}].label.vi"] = "Give the field's label in Vietnamese.";
            }

            if (field.Type is FormFieldType.Choice or FormFieldType.MultiChoice)
            {
                if (field.Choices.Count == 0)
                {
                    errors[$"{path}[{i}].options"] = "A choice field needs its options.";
                }
                else if (field.Choices.Select(o => o.Value).Distinct(StringComparer.Ordinal).Count() != field.Choices.Count || field.Choices.Any(o => string.IsNullOrWhiteSpace(o.Value)))
                {
                    errors[$"{path}[{i}].options"] = "Each option needs its own non-blank value.";
                }
            }

            if (field.MaxLength is < 1 or > 20000)
            {
                errors[$"{path}[{i}].maxLength"] = "A maximum length is between 1 and 20000 characters.";
            }

            ValidateFileLimits(field, $"{path}[{i}]", errors);
        }

        foreach (var duplicate in fields.GroupBy(f => f.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors[path] = FormattedMessage.Create("The field key '{0}' is used twice.", duplicate.Key);
        }
    }

    private static void ValidateFileLimits(FormField field, string at, Dictionary<string, string> errors)
    {
        if (field.FileTypes?.FirstOrDefault(t => !FormField.KnownFileTypes.Contains(t, StringComparer.Ordinal)) is { } unknown)
        {
            errors[$"{at}.fileTypes"] = FormattedMessage.Create("\"{0}\" is not a file type the site accepts; choose among {1}.", unknown, string.Join(", ", FormField.KnownFileTypes));
        }

        if (field.MaxFileSizeMb is < 1 or > FormField.MaxFileSizeLimitMb)
        {
            errors[$"{at}.maxFileSizeMb"] = FormattedMessage.Create("A file size limit is a whole number of MB from 1 to {0}.", FormField.MaxFileSizeLimitMb);
        }

        if (field.MaxFiles is < 1 or > FormField.MaxFilesLimit)
        {
            errors[$"{at}.maxFiles"] = FormattedMessage.Create("A number of files is a whole number from 1 to {0}.", FormField.MaxFilesLimit);
        }
    }

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9]{0,63}$")]
    private static partial Regex FieldKey();
}
