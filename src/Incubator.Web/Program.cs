using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Incubator.Web.Infrastructure;

// The generic parts (data, links, localisation, security, pages) and, through AddIncubatorSite and MapIncubator, every
// feature's module: see SiteExtensions for the list of modules.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddIncubatorData(builder.Configuration, builder.Environment);
builder.Services.AddSiteLinks(builder.Configuration, builder.Environment);
builder.Services.AddIncubatorSite();

var app = builder.Build();
if (RecipeCommand.IsCommand(args))
{
    return await RecipeCommand.RunAsync(app, args, Console.Out, Console.Error);
}

if (Incubator.Web.Features.Backup.BackupCommand.IsCommand(args))
{
    return await Incubator.Web.Features.Backup.BackupCommand.RunAsync(app, args, Console.Out, Console.Error);
}

await app.SetUpSiteAsync();
app.UseIncubatorSite();
app.MapIncubator();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
