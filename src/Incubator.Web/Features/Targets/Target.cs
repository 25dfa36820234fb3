using System.Text.Json;
using System.Text.Json.Serialization;
using Incubator.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Targets;

/// <summary>
/// A line of a provincial plan with a number ("15–20 enterprises funded to research or apply technology by 2030"),
/// set by a recipe, with the indicator that computes its current value from live data.
/// </summary>
internal sealed class Target
{
    public string Key { get; set; } = string.Empty;
    public string TitleVi { get; set; } = string.Empty;
    public string? TitleEn { get; set; }

    /// <summary>The plan it comes from, as the plan names itself: "Kế hoạch 62/KH-UBND ngày 11/01/2024 (Cao Bằng)".</summary>
    public string Plan { get; set; } = string.Empty;

    public decimal Baseline { get; set; }

    /// <summary>The target value, or the low end of a range (15 of 15–20).</summary>
    public decimal Min { get; set; }

    /// <summary>The high end of a range; equal to <see cref="Min"/> for a single value.</summary>
    public decimal Max { get; set; }

    /// <summary>
    /// The plan says "trên <see cref="Min"/>" ("above 5%"): the target is met only by a value strictly greater than
    /// <see cref="Min"/>, not by reaching it.
    /// </summary>
    public bool AboveMin { get; set; }

    public string UnitVi { get; set; } = string.Empty;
    public string? UnitEn { get; set; }

    /// <summary>The year the plan starts counting from; progress is expected to grow evenly from it to the deadline.</summary>
    public int StartYear { get; set; }

    /// <summary>The year by whose end the target should be met.</summary>
    public int DeadlineYear { get; set; }

    /// <summary>The indicator as JSON (<see cref="Indicator"/>).</summary>
    public string IndicatorJson { get; set; } = "{}";

    /// <summary>Where it is listed among the plan's targets.</summary>
    public int Order { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public LocalizedText Title => new(TitleVi, TitleEn);

    public LocalizedText Unit => new(UnitVi, UnitEn);

    /// <summary>
    /// Whether the value counts things (enterprises, solutions, people, đồng): counts, distinct counts and sums are
    /// shown and expected as whole numbers, while a share or a growth rate keeps its decimal.
    /// </summary>
    public bool Countable => Indicator.Measure is not ("share" or "growth");

    public Indicator Indicator => JsonSerializer.Deserialize<Indicator>(IndicatorJson, TargetJson.Options) ?? throw new InvalidOperationException($"Target {Key} has no indicator.");
}

/// <summary>
/// How a target's value is computed: a <see cref="Measure"/> over the rows of a <see cref="Source"/> that pass the
/// <see cref="Filter"/>. A share is the percentage of those rows that also pass <see cref="Where"/>; a growth rate
/// is the average yearly growth (in %) of the count, or of the sum of <see cref="Field"/>, from
/// <see cref="FromYear"/> to the last full year.
/// </summary>
internal sealed record Indicator(string Measure, string Source, string? Field = null, IndicatorFilter? Filter = null, IndicatorFilter? Where = null, int? FromYear = null)
{
    public static readonly IReadOnlyList<string> Measures = ["count", "distinct", "sum", "share", "growth"];

}

/// <summary>Which rows count; every list given must contain the row's value, every flag given must equal it.</summary>
internal sealed record IndicatorFilter(
    IReadOnlyList<string>? Programmes = null,
    IReadOnlyList<string>? SupportTypes = null,
    IReadOnlyList<string>? OrganisationKinds = null,
    IReadOnlyList<string>? Localities = null,
    IReadOnlyList<string>? Statuses = null,
    IReadOnlyList<string>? Kinds = null,
    IReadOnlyList<string>? Results = null,
    DateOnly? From = null,
    DateOnly? To = null,
    bool? AppliedInProduction = null,
    bool? KeyProducts = null,
    bool? NetworkMember = null);

internal static class TargetJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> builder)
    {
        builder.ToTable("Targets");
        builder.HasKey(x => x.Key);
        builder.Ignore(x => x.Title);
        builder.Ignore(x => x.Unit);
        builder.Ignore(x => x.Indicator);
        builder.Ignore(x => x.Countable);
        builder.Property(x => x.Key).HasMaxLength(64);
        builder.Property(x => x.TitleVi).HasMaxLength(500).IsRequired();
        builder.Property(x => x.TitleEn).HasMaxLength(500);
        builder.Property(x => x.Plan).HasMaxLength(300).IsRequired();
        builder.Property(x => x.UnitVi).HasMaxLength(64).IsRequired();
        builder.Property(x => x.UnitEn).HasMaxLength(64);
        builder.Property(x => x.Baseline).HasPrecision(18, 4);
        builder.Property(x => x.Min).HasPrecision(18, 4);
        builder.Property(x => x.Max).HasPrecision(18, 4);
        builder.Property(x => x.IndicatorJson).IsRequired();
        builder.HasIndex(x => new { x.Plan, x.Order });
    }
}
