namespace Incubator.Web.Infrastructure;

/// <summary>
/// A command the site runs instead of serving (<c>dotnet Incubator.Web.dll recipe run file.json</c>). A feature adds
/// one from its own module with <see cref="SiteCommands.AddSiteCommand{T}"/>; the command line finds it by its
/// <see cref="Name"/> before any host is built, so a mistake is answered without starting the web server.
/// </summary>
internal interface ISiteCommand
{
    /// <summary>The word that names the command on the command line, e.g. <c>recipe</c>.</summary>
    string Name { get; }

    /// <summary>What the command does, in one line of the help.</summary>
    string Summary { get; }

    /// <summary>Each form the command takes, e.g. <c>recipe export &lt;file.recipe.json&gt; [--content]</c>.</summary>
    IReadOnlyList<string> Forms { get; }

    /// <summary>
    /// Whether <paramref name="arguments"/> (the words after the name, the host's options taken out) have one of the
    /// command's forms. It is asked before the host is built, so it reads the words only, never a file or the database.
    /// </summary>
    bool Accepts(IReadOnlyList<string> arguments);

    /// <summary>
    /// Runs the command on the built (not started) site and returns the process's exit code. The command line calls
    /// it only with arguments that <see cref="Accepts"/> took, so it need not check their form again.
    /// </summary>
    Task<int> RunAsync(WebApplication app, IReadOnlyList<string> arguments, TextWriter output, TextWriter errors);
}
