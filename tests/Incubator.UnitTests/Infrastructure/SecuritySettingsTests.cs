using Incubator.Web.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Incubator.UnitTests.Infrastructure;

public sealed class SecuritySettingsTests
{
    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Development", null, true)]
    [InlineData("Development", "false", false)]
    public void Should_serve_the_openapi_document_only_outside_production_when_no_setting_says_otherwise(string environment, string? setting, bool expected)
    {
        var options = new OpenApiOptions { Enabled = setting is null ? null : bool.Parse(setting) };
        Assert.Equal(expected, SecurityExtensions.OpenApiEnabled(options, new Environment(environment)));
    }

    [Fact]
    public void Should_refuse_the_settings_when_a_limit_or_a_proxy_is_not_valid()
    {
        var limits = new RateLimitingOptions();
        Assert.True(new RateLimitingOptionsValidator().Validate(null, limits).Succeeded);
        limits.SignIn.PermitLimit = 0;
        limits.Search.Window = TimeSpan.Zero;
        var refused = new RateLimitingOptionsValidator().Validate(null, limits);
        Assert.True(refused.Failed);
        Assert.Contains("sign-in", refused.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("search", refused.FailureMessage, StringComparison.Ordinal);

        var proxies = new ForwardedHeadersSettings { KnownProxies = ["10.0.0.5", "not-an-address"], KnownNetworks = ["10.1.0.0/16", "10.2.0.0"], ForwardLimit = 1 };
        var proxyResult = new ForwardedHeadersSettingsValidator().Validate(null, proxies);
        Assert.True(proxyResult.Failed);
        Assert.Contains("not-an-address", proxyResult.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("10.2.0.0", proxyResult.FailureMessage, StringComparison.Ordinal);
        Assert.True(new ForwardedHeadersSettingsValidator().Validate(null, new ForwardedHeadersSettings { KnownNetworks = ["10.1.0.0/16"] }).Succeeded);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Incubator.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
