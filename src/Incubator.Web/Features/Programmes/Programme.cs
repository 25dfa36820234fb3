using System.Text.Json;
using Incubator.Core.Content;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Programmes;

/// <summary>
/// A support programme (chương trình hỗ trợ): a content item whose slug is its key. The structured parts (rounds,
/// form, rubric) are stored as JSON texts in the shape recipes and the API use, read through typed accessors.
/// </summary>
internal sealed class Programme : ContentItem
{
    public const string TypeName = "programme";
    public override string ContentType => TypeName;

    public string? NameEn { get; set; }
    public string LegalBasis { get; set; } = string.Empty;
    public string SupportType { get; set; } = string.Empty;
    public string? Description { get; set; }
    public List<string> EligibleKinds { get; set; } = [];
    public List<string> EligibleLocalities { get; set; } = [];
    public int? MaxOrganisationAgeYears { get; set; }
    public long Budget { get; set; }
    public long MaxPerApplication { get; set; }
    public decimal CoFundingShare { get; set; }
    public string Workflow { get; set; } = string.Empty;
    public List<string> Targets { get; set; } = [];
    public string RoundsJson { get; set; } = "[]";
    public string FormJson { get; set; } = "[]";
    public string RubricJson { get; set; } = "{}";

    public LocalizedText Name => new(Title, NameEn);

    public IReadOnlyList<ProgrammeRound> Rounds => JsonSerializer.Deserialize<List<ProgrammeRound>>(RoundsJson, ProgrammeJson.Options) ?? [];

    public IReadOnlyList<FormField> Form => ReadForm(FormJson);

    public Rubric Rubric => JsonSerializer.Deserialize<Rubric>(RubricJson, ProgrammeJson.Options) ?? new Rubric(0, []);

    /// <summary>A form as <see cref="FormJson"/> stores it; applications keep the one they were submitted under in the same shape.</summary>
    public static IReadOnlyList<FormField> ReadForm(string json) => JsonSerializer.Deserialize<List<FormField>>(json, ProgrammeJson.Options) ?? [];

    /// <summary>
    /// The name of the round an application records by its key, in the reader's language; the key itself when the
    /// programme no longer has that round, so the reader still sees which one it was.
    /// </summary>
    public string RoundLabel(string roundKey, System.Globalization.CultureInfo culture) =>
        Rounds.FirstOrDefault(r => r.Key == roundKey)?.Label(culture) ?? roundKey;

    /// <summary>The round open at <paramref name="nowUtc"/>, or null.</summary>
    public ProgrammeRound? OpenRound(DateTime nowUtc) => Rounds.FirstOrDefault(r => r.IsOpenAt(nowUtc));

    protected override void CopyCollectionsInto(ContentItem clone)
    {
        var copy = (Programme)clone;
        copy.EligibleKinds = [.. EligibleKinds];
        copy.EligibleLocalities = [.. EligibleLocalities];
        copy.Targets = [.. Targets];
    }
}

/// <summary>
/// An application round: open from <see cref="OpensAt"/> to the end of the second <see cref="ClosesAt"/> names. Staff
/// name it ("Đợt 1 năm 2027"); the key, which applications keep, is made from that name when the builder creates it.
/// </summary>
internal sealed record ProgrammeRound(string Key, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, LocalizedText? Name = null)
{
    /// <summary>The round's name in the reader's language, or its key when it has none.</summary>
    public string Label(System.Globalization.CultureInfo culture) => Name is { Vi.Length: > 0 } name ? name.For(culture) : Key;

    /// <summary>
    /// Open from the opening instant through the whole closing second: a round closing at 23:59:59 takes a submission
    /// made at 23:59:59.9 Vietnam time and refuses one at 00:00:00 the next day.
    /// </summary>
    public bool IsOpenAt(DateTime nowUtc)
    {
        var now = new DateTimeOffset(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc));
        var closingSecond = ClosesAt.AddTicks(-(ClosesAt.Ticks % TimeSpan.TicksPerSecond));
        return now >= OpensAt && now < closingSecond.AddSeconds(1);
    }
}

/// <summary>
/// One field of a programme's application form. <see cref="Help"/> is shown under the label; a file field may narrow
/// the file types the site takes (<see cref="FileTypes"/>, extensions such as ".pdf"), the size of each file in
/// megabytes and how many files it holds.
/// </summary>
internal sealed record FormField(
    string Key,
    FormFieldType Type,
    LocalizedText Label,
    bool Required = false,
    IReadOnlyList<FormOption>? Options = null,
    int? MaxLength = null,
    LocalizedText? Help = null,
    IReadOnlyList<string>? FileTypes = null,
    int? MaxFileSizeMb = null,
    int? MaxFiles = null)
{
    /// <summary>The file types a field may name: those the site's attachment store recognises by their content.</summary>
    public static readonly IReadOnlyList<string> KnownFileTypes = [".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".pptx", ".png", ".jpg"];

    /// <summary>The largest file size in megabytes a field may allow.</summary>
    public const int MaxFileSizeLimitMb = 100;

    /// <summary>The most files a field may allow.</summary>
    public const int MaxFilesLimit = 50;

    public IReadOnlyList<FormOption> Choices => Options ?? [];
}

/// <summary>A choice of a choice or multichoice field.</summary>
internal sealed record FormOption(string Value, LocalizedText Label);

internal enum FormFieldType
{
    Text,
    LongText,
    Number,
    Money,
    Date,
    Choice,
    MultiChoice,
    File,
}

internal static class ProgrammeJson
{
    /// <summary>Field types are written as the issue writes them: "longtext", "multichoice".</summary>
    public static readonly System.Text.Json.Serialization.JsonConverter FieldTypes = new System.Text.Json.Serialization.JsonStringEnumConverter<FormFieldType>(new LowerCase(), allowIntegerValues: false);

    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(FieldTypes);
        return options;
    }

    private sealed class LowerCase : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name.ToLowerInvariant();
    }
}

internal sealed class ProgrammeConfiguration() : ContentItemConfiguration<Programme>("Programmes")
{
    public override void Configure(EntityTypeBuilder<Programme> builder)
    {
        base.Configure(builder);
        builder.Ignore(x => x.Name);
        builder.Ignore(x => x.Rounds);
        builder.Ignore(x => x.Form);
        builder.Ignore(x => x.Rubric);
        builder.Property(x => x.NameEn).HasMaxLength(300);
        builder.Property(x => x.LegalBasis).HasMaxLength(500).IsRequired();
        builder.Property(x => x.SupportType).HasMaxLength(64).IsRequired();
        builder.Property(x => x.Description).HasMaxLength(20000);
        builder.Property(x => x.Workflow).HasMaxLength(100).IsRequired();
        builder.Property(x => x.CoFundingShare).HasPrecision(5, 4);
        builder.Property(x => x.RoundsJson).IsRequired();
        builder.Property(x => x.FormJson).IsRequired();
        builder.Property(x => x.RubricJson).IsRequired();
    }
}
