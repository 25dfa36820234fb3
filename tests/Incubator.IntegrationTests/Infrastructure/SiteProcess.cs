using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>
/// <c>dotnet Incubator.Web.dll ...</c> in a process of its own, as an operator runs it: a command that exits (backup,
/// restore, recipe) or the web server until it is stopped. What it writes is kept, both streams apart and together in
/// the order it came, for the assertions and for the failure messages. Disposing kills what still runs.
/// </summary>
internal sealed class SiteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _commandLine;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private readonly StringBuilder _log = new();

    private SiteProcess(Process process, string commandLine) => (_process, _commandLine) = (process, commandLine);

    /// <summary>The site the tests built, next to the test assembly.</summary>
    public static string BuiltSite => Path.Combine(AppContext.BaseDirectory, "Incubator.Web.dll");

    /// <summary>Whether the process has ended, by itself or killed.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Both streams as they came, for a failure message.</summary>
    public string Log => Read(_log);

    /// <summary>What the process wrote on its standard output so far.</summary>
    public string Output => Read(_output);

    /// <summary>
    /// The settings of a site on a fresh SQLite database in <paramref name="folder"/> (with its mail, media and
    /// attachments beside it) serving <paramref name="address"/> in <paramref name="environmentName"/>, with the
    /// administrator admin@process.test / <c>Admin-Password-1</c>, no second factor and no rate limits: the environment
    /// to give <see cref="Start"/>, to which a test adds or changes what it needs.
    /// </summary>
    public static Dictionary<string, string?> SqliteSite(string folder, Uri address, string environmentName = "Production") => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = environmentName,
        ["DOTNET_ENVIRONMENT"] = null,
        ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__Incubator"] = $"Data Source={Path.Combine(folder, "incubator.db")}",
        ["Site__BaseUrl"] = address.ToString(),
        ["Setup__AdminEmail"] = AdminEmail,
        ["Setup__AdminPassword"] = AdminPassword,
        ["Security__RequireSecondFactor"] = "false",
        ["RateLimiting__Enabled"] = "false",
        ["Email__PickupFolder"] = Path.Combine(folder, "mail"),
        ["Media__Folder"] = Path.Combine(folder, "media"),
        ["Attachments__Folder"] = Path.Combine(folder, "attachments"),
        ["Search__IndexPath"] = Path.Combine(folder, "search"),
    };

    /// <summary>The first administrator of <see cref="SqliteSite"/>.</summary>
    public const string AdminEmail = "admin@process.test";

    /// <summary>The first administrator's password in <see cref="SqliteSite"/>.</summary>
    public const string AdminPassword = "Admin-Password-1";

    /// <summary>
    /// Starts <paramref name="site"/> (by default <see cref="BuiltSite"/>; a relative path is taken from the working
    /// folder) with <paramref name="arguments"/>. <paramref name="environment"/> is added to this process's own, and a
    /// null value removes a variable (e.g. DOTNET_ENVIRONMENT, so that ASPNETCORE_ENVIRONMENT decides).
    /// </summary>
    public static SiteProcess Start(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string? workingFolder = null, string? site = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingFolder is not null)
        {
            start.WorkingDirectory = workingFolder;
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        start.ArgumentList.Add(site ?? BuiltSite);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var running = new SiteProcess(process, string.Join(' ', start.ArgumentList));
        process.OutputDataReceived += (_, e) => running.Append(running._output, e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(running._errors, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>A port nobody listens on now, for a site started with <c>--urls</c>.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Waits until the site answers <c>/health/live</c> at <paramref name="address"/>; fails with what it wrote when it
    /// stops first or does not answer within <paramref name="within"/> (two minutes unless given).
    /// </summary>
    public async Task WaitUntilServingAsync(Uri address, TimeSpan? within = null)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var limit = within ?? TimeSpan.FromMinutes(2);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            Assert.False(HasExited, $"{_commandLine} stopped at start:\n{Log}");
            try
            {
                using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.Fail($"{_commandLine} did not answer /health/live within {limit}:\n{Log}");
    }

    /// <summary>
    /// The first line of the standard output that <paramref name="match"/> accepts, written before or within
    /// <paramref name="within"/> (ten seconds unless given); fails with what the process wrote when none comes.
    /// </summary>
    public async Task<string> WaitForOutputLineAsync(Func<string, bool> match, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var limit = within ?? TimeSpan.FromSeconds(10);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (Output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (waited.Elapsed > limit || HasExited)
            {
                Assert.Fail($"{_commandLine} wrote no such line within {limit}:\n{Log}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>
    /// Waits for the process to exit and gives its exit code and output. One that runs past <paramref name="within"/>
    /// (two minutes unless given), such as a command line that started the web server instead of a command, is killed
    /// and reported with what it wrote.
    /// </summary>
    public async Task<SiteRun> RunToExitAsync(TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromMinutes(2);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            // With the streams read asynchronously, this also waits until both are read to their end.
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"{_commandLine} did not exit within {limit}:\n{Log}");
        }

        return new SiteRun(_process.ExitCode, Read(_output), Read(_errors));
    }

    /// <summary>Kills the process and its children at once (SIGKILL: no shutdown runs), and waits until they are gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(StringBuilder stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            stream.AppendLine(line);
            _log.AppendLine(line);
        }
    }

    private string Read(StringBuilder text)
    {
        lock (_log)
        {
            return text.ToString();
        }
    }
}
