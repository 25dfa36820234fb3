using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Mailings;

/// <summary>The <c>Mailings</c> settings.</summary>
internal sealed class MailingsOptions
{
    public const string Section = "Mailings";

    /// <summary>How many mailing e-mails all instances together hand to the outbox in any hour.</summary>
    public int PerHour { get; set; } = 200;

    /// <summary>How often the feeder looks for recipients to queue; zero or less turns it off (tests run it by hand).</summary>
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromSeconds(30);
}

internal sealed class MailingsOptionsValidation : IValidateOptions<MailingsOptions>
{
    public ValidateOptionsResult Validate(string? name, MailingsOptions options) =>
        options.PerHour is < 1 or > 1_000_000
            ? ValidateOptionsResult.Fail($"Mailings:PerHour must be a number of e-mails from 1 to 1000000, not {options.PerHour}.")
            : ValidateOptionsResult.Success;
}
