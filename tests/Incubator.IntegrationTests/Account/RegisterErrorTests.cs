using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Account;

public sealed class RegisterErrorTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_explain_the_password_rule_in_words_when_an_english_visitor_picks_a_short_password(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateBrowserClient();
        var home = await Forms.GetAsync(client, "/account/register");
        using (var switched = await Forms.SubmitAsync(client, home, "form.lang", [], "culture", "en"))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        var page = await Forms.GetAsync(client, "/account/register");
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));

        using var response = await Forms.SubmitAsync(client, page, "main form", [new("DisplayName", "Lan"), new("Email", $"short-{Guid.NewGuid():N}@test.local"), new("Password", "abc1")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await Forms.ParseAsync(response)).QuerySelector("#password ~ .field-error")?.TextContent ?? string.Empty;
        Assert.Contains("at least 8 characters", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("PasswordTooShort", errors, StringComparison.Ordinal);
    }
}
