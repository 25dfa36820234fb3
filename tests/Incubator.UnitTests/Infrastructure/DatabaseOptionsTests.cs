using Incubator.Web.Data;
using Microsoft.Extensions.Configuration;

namespace Incubator.UnitTests.Infrastructure;

/// <summary>The database settings name themselves when they are wrong; the defaults need nothing.</summary>
public sealed class DatabaseOptionsTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("sqlite", "Data Source=App_Data/incubator.db")]
    [InlineData("Postgres", "Host=127.0.0.1;Database=incubator;Username=incubator;Password=secret")]
    public void Should_accept_the_settings_when_the_provider_and_its_connection_string_agree(string? provider, string? connectionString)
    {
        var options = Read(provider, connectionString);

        Assert.Empty(DatabaseOptions.Problems(options));
        Assert.Equal(provider is null ? DatabaseProvider.Sqlite : Enum.Parse<DatabaseProvider>(provider, ignoreCase: true), options.ProviderKind);
    }

    [Theory]
    [InlineData("Oracle", null, "Database:Provider must be Sqlite or Postgres, not 'Oracle'.")]
    [InlineData("7", null, "Database:Provider must be Sqlite or Postgres, not '7'.")]
    [InlineData("Postgres", null, "ConnectionStrings:Incubator is empty; Database:Provider Postgres needs one")]
    [InlineData("Postgres", "Colour=blue;Password=secret", "ConnectionStrings:Incubator is not a valid Postgres connection string")]
    public void Should_name_the_setting_when_a_database_setting_is_wrong(string provider, string? connectionString, string expected)
    {
        var problem = Assert.Single(DatabaseOptions.Problems(Read(provider, connectionString)));

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", problem, StringComparison.Ordinal);
    }

    private static DatabaseOptions Read(string? provider, string? connectionString) =>
        DatabaseOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Incubator"] = connectionString,
        }).Build());
}
