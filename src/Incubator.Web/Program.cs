using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Incubator.Web.Infrastructure;
using Incubator.Web.Infrastructure.Observability;

// The command line is read before any host is built, so a command, a request for help or a mistake never starts the
// web server. The commands are those the features' modules register (a throwaway registration lists them).
var commandLine = CommandLine.Read(args);
ISiteCommand? command = null;
if (!commandLine.StartsServer)
{
    (command, var exitCode) = SiteCommands.Choose(commandLine, SiteCommands.Registered(new ServiceCollection().AddIncubatorSite()), Console.Out, Console.Error);
    if (command is null)
    {
        return exitCode;
    }
}

// The generic parts (data, links, localisation, security, pages) and, through AddIncubatorSite and MapIncubator, every
// feature's module: see SiteExtensions for the list of modules.
var builder = WebApplication.CreateBuilder(SiteHosting.Options(commandLine.HostArguments)).UseBuildOutputFiles();
builder.Services.AddIncubatorData(builder.Configuration, builder.Environment);
builder.Services.AddSiteLinks(builder.Configuration, builder.Environment);
builder.Services.AddIncubatorSite();
builder.AddIncubatorObservability();

var app = builder.Build();
if (command is not null)
{
    try
    {
        return await command.RunAsync(app, commandLine.CommandArguments, Console.Out, Console.Error);
    }
    catch (Microsoft.Extensions.Options.OptionsValidationException ex)
    {
        // A setting missing or wrong (Site:BaseUrl on a production machine, most often): say which, in the words the
        // setting's own check gives, rather than a stack trace, and exit with the code of a refused configuration.
        // (The web server itself fails its start with the same message: the host reports it, and the tests' hosts read it.)
        await Console.Error.WriteLineAsync("The site's settings are not valid; nothing was changed:");
        foreach (var failure in ex.Failures)
        {
            await Console.Error.WriteLineAsync("  - " + failure);
        }

        return 3;
    }
}

await app.SetUpSiteAsync();
app.UseIncubatorSite();
app.MapIncubator();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
