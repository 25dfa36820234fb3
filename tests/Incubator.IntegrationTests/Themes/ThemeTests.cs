using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Themes;

public sealed class ThemeTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_draw_pages_with_the_configured_themes_when_the_site_runs(DatabaseProvider provider)
    {
        var site = sites[provider];
        var themes = site.Services.GetRequiredService<ThemeRegistry>();
        Assert.Equal("Incubator.Themes.Public", themes.Public.Name);
        Assert.Equal("Incubator.Themes.Admin", themes.Admin.Name);
        Assert.Contains(themes.Installed, t => t.Kind == "public");

        using var client = site.CreateBrowserClient();
        var home = await Forms.GetAsync(client, "/");
        var stylesheet = home.QuerySelector("link[rel=stylesheet]")?.GetAttribute("href");
        Assert.StartsWith("/_content/Incubator.Themes.Public/public", stylesheet, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_to_start_with_a_clear_message_when_the_public_theme_is_not_installed()
    {
        using var site = new MisconfiguredSite();

        // The settings are checked at start, before the database is touched (Setup.SettingsValidationTests).
        var error = Setup.SettingsValidationTests.Messages(Assert.ThrowsAny<Exception>(() => site.Server));

        Assert.Contains("Theme:Public 'No.Such.Theme'", error, StringComparison.Ordinal);
        Assert.Contains("Incubator.Themes.Public", error, StringComparison.Ordinal);
    }

    private sealed class MisconfiguredSite : WebApplicationFactory<Program>
    {
        private readonly string _file = Path.Combine(Path.GetTempPath(), $"incubator-theme-{Guid.NewGuid():N}.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Incubator", new SqliteConnectionStringBuilder { DataSource = _file }.ToString());
            builder.UseSetting("Setup:AdminPassword", SiteFactory.AdminPassword);
            builder.UseSetting("Theme:Public", "No.Such.Theme");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(_file + suffix);
            }
        }
    }
}
