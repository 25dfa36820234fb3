using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Setup;

/// <summary>A wrong setting stops the site at start with a message naming it; the defaults start.</summary>
public sealed class SettingsValidationTests
{
    public static TheoryData<DatabaseProvider, string, string> WrongSettings()
    {
        var cases = new (string Key, string Value)[]
        {
            ("Attachments:MaxBytes", "-5"),
            ("Attachments:MaxFilesPerField", "many"),
            ("Workflows:TimerInterval", "every quarter hour"),
            ("Search:BatchSize", "0"),
            ("Theme:Public", "No.Such.Theme"),
            ("Email:From", "not an address"),
            ("Setup:AdminEmail", "nobody"),
            ("Site:BaseUrl", "ftp://example.org"),
            ("Database:Provider", "Oracle"),
            ("ConnectionStrings:Incubator", "Colour=blue"),
            ("Metrics:AllowedNetworks:0", "the office"),
            ("Metrics:ReadingCacheDuration", "01:00:00"),
        };
        var data = new TheoryData<DatabaseProvider, string, string>();
        // Settings are checked before the database is touched, so SQLite shows it for both providers.
        foreach (var provider in new[] { DatabaseProvider.Sqlite })
        {
            foreach (var (key, value) in cases)
            {
                data.Add(provider, key, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public void Should_refuse_to_start_and_name_the_setting_when_a_setting_is_wrong(DatabaseProvider provider, string key, string value)
    {
        using var site = new SiteFactory(provider, new Dictionary<string, string?> { [key] = value });

        var error = Record.Exception(() => site.Server);

        Assert.NotNull(error);
        Assert.Contains(key, Messages(error), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_start_when_the_settings_are_the_defaults(DatabaseProvider provider)
    {
        using var site = new SiteFactory(provider);
        using var client = site.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The messages of an exception and those inside it, where the setting's name may sit.</summary>
    internal static string Messages(Exception error) =>
        error is AggregateException aggregate
            ? string.Join('\n', aggregate.InnerExceptions.Select(Messages))
            : error.Message + (error.InnerException is { } inner ? "\n" + Messages(inner) : string.Empty);
}
