using Incubator.Web.Features.Account;

namespace Incubator.UnitTests.Infrastructure;

/// <summary>The outbox's claim lease is checked at start: without a positive lease a claim would never hold.</summary>
public sealed class EmailSettingsTests
{
    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:01:00")]
    public void Should_refuse_a_claim_lease_that_is_not_positive(string lease)
    {
        var problems = EmailOptions.Problems(new EmailOptions { ClaimLease = TimeSpan.Parse(lease, System.Globalization.CultureInfo.InvariantCulture) }).ToList();

        Assert.Equal([$"Email:ClaimLease must be a positive time span, not {lease}."], problems);
    }

    [Fact]
    public void Should_accept_the_default_settings()
    {
        Assert.Empty(EmailOptions.Problems(new EmailOptions()));
    }
}
