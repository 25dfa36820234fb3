using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Incubator.BrowserTests.Infrastructure;

/// <summary>
/// axe-core run on the pages the journeys visit: a page passes when axe finds no serious or critical violation
/// in Vietnamese and in English, at a desktop and at a phone width.
/// </summary>
internal static partial class Accessibility
{
    public const int DesktopWidth = 1280;
    public const int PhoneWidth = 375;

    /// <summary>When set, each check appends its page, its time and what it found to this file (for measuring the suite).</summary>
    public const string LogVariable = "INCUBATOR_AXE_LOG";

    private static readonly string[] FailingImpacts = ["serious", "critical"];

    private static readonly AxeRunOptions Options = new()
    {
        // Only the violations are read; asking axe for nothing else keeps each run short.
        ResultTypes = [ResultType.Violations],

        // The site draws no frame; not looking for any spares each run the frames' handshake.
        Iframes = false,
    };

    /// <summary>The pages already checked in the journey's language, by address (ids left out) and the forms they show.</summary>
    private static readonly ConcurrentDictionary<string, bool> Checked = new();

    /// <summary>The addresses (ids left out) already checked, at both widths and in the other language.</summary>
    private static readonly ConcurrentDictionary<string, bool> Visited = new();

    private static long _elapsedTicks;

    /// <summary>How long the checks took altogether in this test run.</summary>
    public static TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    /// <summary>
    /// Checks the page as the journey shows it. The first time its address is met (ids left out), the same address
    /// is also opened in a second tab of the same browser context, in the other language (the site reads
    /// <c>?culture=</c> before the cookie and writes no cookie for it) and at the other width (phone 375 px for a
    /// desktop journey, desktop 1280 px for a phone one), and checked there: two runs cover both languages and both
    /// widths. A state of the page met before (same address, same forms) is not checked again. Fails listing each
    /// violation's rule, impact, targets and the page's address; the journey's own tab is left as it was.
    /// </summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var watch = Stopwatch.StartNew();

        // A page met again in the same state (same address pattern, same forms), by a later step or another journey,
        // has been checked already; checking it again would only cost the suite time.
        var forms = await page.EvaluateAsync<string>(
            "() => Array.from(document.querySelectorAll('form')).map(f => [f.getAttribute('action'), f.dataset.action, f.id, f.className].join('|')).join(',')");
        var path = Ids().Replace(new Uri(page.Url).AbsolutePath, "{id}");
        if (!Checked.TryAdd(path + "#" + Ids().Replace(forms, "{id}"), true))
        {
            return;
        }

        var failures = new StringBuilder();
        var size = page.ViewportSize ?? new PageViewportSizeResult { Width = DesktopWidth, Height = 900 };
        var language = await page.EvaluateAsync<string>("() => document.documentElement.lang");
        await CheckAsync(page, $"{language}, {size.Width} px", failures);

        // A new state of a page already met (other forms: the next step of a workflow, another role's view) is
        // checked as the journey shows it; the page's layout in the other language and width was checked already.
        if (Visited.TryAdd(path, true))
        {
            var otherWidth = size.Width <= 480 ? DesktopWidth : PhoneWidth;
            var otherCulture = language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "vi" : "en";
            var tab = await page.Context.NewPageAsync();
            try
            {
                await tab.SetViewportSizeAsync(otherWidth, size.Height);
                var response = await tab.GotoAsync(WithCulture(page.Url, otherCulture));
                if (response is null || !response.Ok)
                {
                    failures.AppendLine(CultureInfo.InvariantCulture, $"- {tab.Url} ({otherCulture}) answered {response?.Status}.");
                }
                else
                {
                    await CheckAsync(tab, $"{otherCulture}, {otherWidth} px", failures);
                }
            }
            finally
            {
                await tab.CloseAsync();
            }
        }

        Interlocked.Add(ref _elapsedTicks, watch.Elapsed.Ticks);
        if (Environment.GetEnvironmentVariable(LogVariable) is { Length: > 0 } log)
        {
            await File.AppendAllTextAsync(log, FormattableString.Invariant($"{page.Url}: {watch.Elapsed.TotalSeconds:F1} s, {Elapsed.TotalSeconds:F1} s in all\n{failures}"));
        }

        if (failures.Length > 0)
        {
            Assert.Fail("axe-core found serious or critical accessibility violations:\n" + failures);
        }
    }

    private static async Task CheckAsync(IPage page, string where, StringBuilder failures)
    {
        var result = await page.RunAxe(Options);
        foreach (var violation in result.Violations.Where(v => FailingImpacts.Contains(v.Impact)))
        {
            var targets = string.Join("; ", violation.Nodes.Select(n => n.Target.ToString()));
            failures.AppendLine(CultureInfo.InvariantCulture, $"- {violation.Id} ({violation.Impact}) on {page.Url} [{where}]: {violation.Help}. Targets: {targets}");
        }
    }

    /// <summary>The same address with <c>culture</c> set to <paramref name="culture"/>, any earlier one replaced.</summary>
    private static string WithCulture(string url, string culture)
    {
        var uri = new Uri(url);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        query.Remove("ui-culture");
        query["culture"] = culture;
        return new UriBuilder(uri) { Query = query.ToString(), Fragment = string.Empty }.Uri.ToString();
    }

    /// <summary>Record ids in addresses: 32-digit hex ids, GUIDs and numbers between slashes.</summary>
    [GeneratedRegex("[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}|(?<=/)[0-9]+(?=/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Ids();
}
