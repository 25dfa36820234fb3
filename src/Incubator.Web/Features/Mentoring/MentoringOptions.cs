using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Mentoring;

/// <summary>Settings of the mentoring feature (section <c>Mentoring</c>).</summary>
internal sealed class MentoringOptions
{
    public const string Section = "Mentoring";

    /// <summary>The hours a new match allocates to the startup.</summary>
    public int HoursPerMatch { get; set; } = 6;

    /// <summary>How many suggestions a startup is shown at most.</summary>
    public int Suggestions { get; set; } = 20;
}

internal sealed class MentoringOptionsValidation : IValidateOptions<MentoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MentoringOptions options) =>
        options.HoursPerMatch is < 1 or > 1000
            ? ValidateOptionsResult.Fail($"Mentoring:HoursPerMatch must be a number of hours from 1 to 1000, not {options.HoursPerMatch}.")
            : options.Suggestions is < 1 or > 500
                ? ValidateOptionsResult.Fail($"Mentoring:Suggestions must be from 1 to 500, not {options.Suggestions}.")
                : ValidateOptionsResult.Success;
}
