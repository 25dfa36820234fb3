namespace Incubator.Web.Infrastructure;

/// <summary>
/// The site's commands: each feature registers its own (<see cref="AddSiteCommand{T}"/> in its module), and the command
/// line picks one by name, prints the help or refuses a mistake (usage on stderr, exit code 2) before a host is built.
/// </summary>
internal static class SiteCommands
{
    /// <summary>The exit code of a command line that is not understood.</summary>
    public const int Usage = 2;

    /// <summary>Adds a command; called from the feature's own module.</summary>
    public static IServiceCollection AddSiteCommand<T>(this IServiceCollection services)
        where T : class, ISiteCommand, new()
    {
        // An instance, not a type: the command line reads the registrations before any service provider exists.
        services.AddSingleton<ISiteCommand>(new T());
        return services;
    }

    /// <summary>The commands registered in <paramref name="services"/>, by name.</summary>
    public static IReadOnlyList<ISiteCommand> Registered(IServiceCollection services) =>
        [.. services.Where(d => d.ServiceType == typeof(ISiteCommand)).Select(d => (ISiteCommand)d.ImplementationInstance!).OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>
    /// The command <paramref name="line"/> asks for, or, when it asks for help or is not understood, no command and the
    /// exit code after the help (0, on stdout) or the usage (2, on stderr) has been printed.
    /// </summary>
    public static (ISiteCommand? Command, int ExitCode) Choose(CommandLine line, IReadOnlyList<ISiteCommand> commands, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (line.Mistake is not null)
        {
            return Refuse(line.Mistake, commands, errors);
        }

        if (line.Help)
        {
            WriteHelp(commands, output);
            return (null, 0);
        }

        var command = commands.FirstOrDefault(c => c.Name == line.Command);
        if (command is null)
        {
            return Refuse($"Unknown command '{line.Command}'.", commands, errors);
        }

        if (!command.Accepts(line.CommandArguments))
        {
            errors.WriteLine($"Wrong arguments for {command.Name}: {string.Join(' ', line.CommandArguments)}");
            errors.WriteLine("Usage:");
            foreach (var form in command.Forms)
            {
                errors.WriteLine($"  dotnet Incubator.Web.dll {form}");
            }

            errors.WriteLine("'dotnet Incubator.Web.dll --help' lists every command and option.");
            return (null, Usage);
        }

        return (command, 0);
    }

    private static (ISiteCommand? Command, int ExitCode) Refuse(string mistake, IReadOnlyList<ISiteCommand> commands, TextWriter errors)
    {
        errors.WriteLine(mistake);
        WriteHelp(commands, errors);
        return (null, Usage);
    }

    private static void WriteHelp(IReadOnlyList<ISiteCommand> commands, TextWriter writer)
    {
        writer.WriteLine("Usage: dotnet Incubator.Web.dll [options] [command [arguments]]");
        writer.WriteLine("Without a command the site starts and serves until it is stopped.");
        writer.WriteLine();
        writer.WriteLine("Commands:");
        foreach (var command in commands)
        {
            writer.WriteLine($"  {command.Name,-10} {command.Summary}");
            foreach (var form in command.Forms)
            {
                writer.WriteLine($"      {form}");
            }
        }

        writer.WriteLine($"  {"help",-10} This list (also --help, -h).");
        writer.WriteLine();
        writer.WriteLine("Options, before or after the command (each also as --name=value):");
        writer.WriteLine("  --contentRoot <folder>     the folder that relative paths (App_Data/...) and appsettings.json are read from");
        writer.WriteLine("  --environment <name>       Production (the default), Development, ...");
        writer.WriteLine("  --urls <addresses>         where the site listens, e.g. http://127.0.0.1:5080");
        writer.WriteLine("  --<Section>:<Key> <value>  any setting of the README's table, e.g. --Site:BaseUrl https://dmst.example.gov.vn");
    }
}
