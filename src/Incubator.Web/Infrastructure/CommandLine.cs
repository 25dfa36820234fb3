namespace Incubator.Web.Infrastructure;

/// <summary>
/// The words the site was started with, sorted before any host is built: the host's own options (<c>--contentRoot X</c>,
/// <c>--urls=...</c>, <c>--environment</c>, a setting as <c>--Section:Key value</c>) wherever they stand, before or after
/// a command, and at most one command word with the rest of its words. The host is given its options only, so a
/// command's file name or option is never read as a setting, and an option the host would silently ignore (a typing
/// mistake) stops the start instead.
/// </summary>
internal sealed class CommandLine
{
    /// <summary>The options the web host itself reads from the command line; any other option is a mistake, unless it names a setting.</summary>
    private static readonly HashSet<string> HostOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "contentRoot", "environment", "applicationName", "webroot", "urls", "http_ports", "https_ports", "AllowedHosts",
    };

    private CommandLine(IReadOnlyList<string> hostArguments, string? command, IReadOnlyList<string> commandArguments, bool help, string? mistake) =>
        (HostArguments, Command, CommandArguments, Help, Mistake) = (hostArguments, command, commandArguments, help, mistake);

    /// <summary>The host's options, each as one <c>--name=value</c> word.</summary>
    public IReadOnlyList<string> HostArguments { get; }

    /// <summary>The command word, or null when none was given.</summary>
    public string? Command { get; }

    /// <summary>The words after the command word that are not the host's.</summary>
    public IReadOnlyList<string> CommandArguments { get; }

    /// <summary>Whether <c>help</c>, <c>--help</c> or <c>-h</c> was asked for.</summary>
    public bool Help { get; }

    /// <summary>What is wrong with the words, when something is (an unknown option, an option without its value).</summary>
    public string? Mistake { get; }

    /// <summary>Whether the words ask for the web site itself: no command, no help, no mistake.</summary>
    public bool StartsServer => Command is null && !Help && Mistake is null;

    public static CommandLine Read(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var host = new List<string>();
        var rest = new List<string>();
        string? command = null;
        var help = false;
        string? mistake = null;
        var sections = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':', StringComparison.Ordinal))
            .Select(a => a[2..a.IndexOf(':', StringComparison.Ordinal)])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var word = args[i];
            if (word is "--help" or "-h" || (command is null && word == "help"))
            {
                help = true;
            }
            else if (word.StartsWith('-') && word.Length > 1)
            {
                var name = word.TrimStart('-');
                var equals = name.IndexOf('=', StringComparison.Ordinal);
                var value = equals >= 0 ? name[(equals + 1)..] : null;
                name = equals >= 0 ? name[..equals] : name;

                // A section's own empty entry (--Setup= beside --Setup:AdminEmail=...) is the host's too: the test host
                // passes its whole configuration so, and it sets nothing.
                if (word.StartsWith("--", StringComparison.Ordinal) && (IsHostOption(name) || (value == string.Empty && sections.Contains(name))))
                {
                    if (value is null && i + 1 < args.Count)
                    {
                        value = args[++i];
                    }

                    if (value is null)
                    {
                        mistake ??= $"The option {word} needs a value.";
                    }
                    else
                    {
                        host.Add($"--{name}={value}");
                    }
                }
                else if (command is not null)
                {
                    // The command's own option (--set, --content): the command judges it.
                    rest.Add(word);
                }
                else
                {
                    mistake ??= $"Unknown option {word}.";
                }
            }
            else if (command is null)
            {
                command = word;
            }
            else
            {
                rest.Add(word);
            }
        }

        return new CommandLine(host, command, rest, help, mistake);
    }

    /// <summary>
    /// An option of the host, or a setting the host's configuration reads from the command line: a section's key
    /// (<c>Site:BaseUrl</c>) or one of OpenTelemetry's own names (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), which its SDK reads
    /// from the configuration as well as from the environment.
    /// </summary>
    private static bool IsHostOption(string name) =>
        HostOptions.Contains(name)
        || (name.Contains(':', StringComparison.Ordinal) && !name.StartsWith(':') && !name.EndsWith(':'))
        || (name.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase) && name.Length > "OTEL_".Length);
}
