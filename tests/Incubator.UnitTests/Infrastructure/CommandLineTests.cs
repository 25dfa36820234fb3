using Incubator.Web.Infrastructure;

namespace Incubator.UnitTests.Infrastructure;

/// <summary>How the site's words are sorted into the host's options, a command and its words, before any host is built.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Should_start_the_server_with_the_host_options_when_no_command_is_given()
    {
        var none = CommandLine.Read([]);
        var urls = CommandLine.Read(["--urls", "http://127.0.0.1:5080", "--environment=Production"]);

        Assert.True(none.StartsServer);
        Assert.Empty(none.HostArguments);
        Assert.True(urls.StartsServer);
        Assert.Equal(["--urls=http://127.0.0.1:5080", "--environment=Production"], urls.HostArguments);
    }

    [Fact]
    public void Should_take_the_host_options_out_of_the_command_words_when_they_stand_before_between_or_after_them()
    {
        var line = CommandLine.Read(["--contentRoot", "/srv/site", "recipe", "--Site:BaseUrl", "https://x.vn", "run", "/tmp/a.json", "--set", "title=Tin", "--urls=http://127.0.0.1:1"]);

        Assert.False(line.StartsServer);
        Assert.Null(line.Mistake);
        Assert.Equal("recipe", line.Command);
        Assert.Equal(["run", "/tmp/a.json", "--set", "title=Tin"], line.CommandArguments);
        Assert.Equal(["--contentRoot=/srv/site", "--Site:BaseUrl=https://x.vn", "--urls=http://127.0.0.1:1"], line.HostArguments);
    }

    [Fact]
    public void Should_take_an_opentelemetry_name_as_a_setting_of_the_host()
    {
        var line = CommandLine.Read(["--OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318", "--OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"]);

        Assert.True(line.StartsServer);
        Assert.Equal(["--OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318", "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf"], line.HostArguments);
        Assert.Equal("Unknown option --OTEL_.", CommandLine.Read(["--OTEL_"]).Mistake);
    }

    [Fact]
    public void Should_name_the_mistake_when_an_option_is_unknown_or_has_no_value()
    {
        Assert.Equal("Unknown option --contentRot.", CommandLine.Read(["--contentRot", "/srv"]).Mistake);
        Assert.Equal("Unknown option -x.", CommandLine.Read(["-x", "recipe"]).Mistake);
        Assert.Equal("Unknown option --frob=1.", CommandLine.Read(["--frob=1"]).Mistake);
        Assert.Equal("The option --urls needs a value.", CommandLine.Read(["recipe", "check", "f", "--urls"]).Mistake);
        Assert.False(CommandLine.Read(["--frob"]).StartsServer);
    }

    [Fact]
    public void Should_leave_an_unknown_option_after_the_command_to_the_command()
    {
        var line = CommandLine.Read(["recipe", "export", "f.json", "--everything"]);

        Assert.Null(line.Mistake);
        Assert.Equal(["export", "f.json", "--everything"], line.CommandArguments);
    }

    [Fact]
    public void Should_ask_for_help_when_help_is_written_in_any_of_its_forms()
    {
        Assert.True(CommandLine.Read(["--help"]).Help);
        Assert.True(CommandLine.Read(["--contentRoot", "/srv", "-h"]).Help);
        Assert.True(CommandLine.Read(["help"]).Help);
        Assert.False(CommandLine.Read(["recipe", "check", "help"]).Help);
    }

    [Fact]
    public void Should_take_a_section_entry_only_when_a_key_of_that_section_is_given_too()
    {
        // The test host passes its whole configuration, sections included ("--Setup=").
        var test = CommandLine.Read(["--Setup=", "--Setup:AdminEmail=a@b.vn", "--environment=Testing"]);
        var alone = CommandLine.Read(["--Setup="]);

        Assert.True(test.StartsServer);
        Assert.Equal(["--Setup=", "--Setup:AdminEmail=a@b.vn", "--environment=Testing"], test.HostArguments);
        Assert.Equal("Unknown option --Setup=.", alone.Mistake);
    }
}
