using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Incubator.BrowserTests.Infrastructure;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Events;

/// <summary>
/// Issue 19's story on a phone, in Chromium and through the pages: a visitor finds a training on /events, registers,
/// confirms by the e-mail's link and receives the confirmation with its code; staff check them in by the code; the
/// person's timeline shows the attendance; the targets page counts the participant. The training and the province's
/// target are set over the API and as a recipe sets it, as the other journeys set their scene.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed partial class EventJourneyTests(BrowserFixture browser)
{
    private const string Password = "Journey-Password-1";

    [Fact]
    public async Task Should_take_a_visitor_from_the_events_list_through_registration_and_check_in_to_the_timeline_and_the_target_on_a_phone()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var slug = $"tap-huan-goi-von-{suffix}";
        var title = $"Tập huấn gọi vốn cho khởi nghiệp {suffix}";
        var visitorName = $"Nguyễn Thị Hoà {suffix}";
        var visitorEmail = $"hoa.{suffix}@example.vn";

        // The scene: staff publish a training next week; the province tracks the people its trainings reach.
        var staffEmail = await browser.CreateAccountAsync("Staff", Password);
        using (var staffApi = await browser.ApiClientAsync(staffEmail, Password))
        {
            var starts = VietnamTime.ToLocal(DateTime.UtcNow).Date.AddDays(7).AddHours(8);
            using var created = await staffApi.PostAsJsonAsync("/api/events", new
            {
                slug,
                title = new { vi = title, en = "Fundraising training " + suffix },
                kind = "training",
                description = "Buổi tập huấn về **gọi vốn** cho các dự án khởi nghiệp.",
                startsAt = starts.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
                endsAt = starts.AddHours(4).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
                place = "Hội trường Sở Khoa học và Công nghệ",
                locality = "cao-bang",
                capacity = 30,
                published = true,
            });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        var targetKey = $"nguoi-tap-huan-{suffix}";
        await SetTargetAsync(targetKey);

        // 1. A visitor, on a phone, finds the training on /events and registers.
        var context = await browser.NewContextAsync(width: Accessibility.PhoneWidth, height: 800);
        var visitor = await context.NewPageAsync();
        await visitor.GotoAsync("/targets");
        var before = await CountAsync(visitor, targetKey);
        await visitor.GotoAsync("/events");
        await Accessibility.AssertNoSeriousViolationsAsync(visitor);
        await visitor.Locator($"main a[href='/events/{slug}']").First.ClickAsync();
        await Expect(visitor.Locator("#event-title")).ToHaveTextAsync(title);
        await Accessibility.AssertNoSeriousViolationsAsync(visitor);
        await visitor.FillAsync("#reg-name", visitorName);
        await visitor.FillAsync("#reg-email", visitorEmail);
        await visitor.FillAsync("#reg-phone", "0912 345 678");
        await visitor.ClickAsync("#register-submit");
        await Expect(visitor.Locator("#register-sent")).ToBeVisibleAsync();

        // 2. The e-mail's link confirms the registration; the confirmation e-mail carries the code (and the QR code, the calendar file).
        var confirmLink = LinkIn(await EmailAsync(visitorEmail, html => html.Contains("/confirm", StringComparison.Ordinal)), "/confirm");
        await visitor.GotoAsync(confirmLink);
        await Accessibility.AssertNoSeriousViolationsAsync(visitor);
        await visitor.ClickAsync("#confirm-submit");
        var code = await browser.QueryAsync(db => db.Set<EventRegistration>().Where(r => r.NormalizedEmail == visitorEmail).Select(r => r.Code).SingleAsync());
        var confirmation = await EmailAsync(visitorEmail, html => html.Contains(code, StringComparison.Ordinal));
        Assert.Contains($"/events/registrations/", confirmation, StringComparison.Ordinal);
        Assert.Contains("qr.png", confirmation, StringComparison.Ordinal);
        Assert.Equal(1, await browser.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.To == visitorEmail && e.Calendar != null && e.Calendar.Contains("BEGIN:VEVENT"))));

        // 3. Staff, on a phone at the door, check the visitor in by the code printed under the QR code.
        var staff = await browser.SignInAsync(staffEmail, Password, phone: true);
        await staff.GotoAsync($"/admin/events/{slug}/check-in");
        await Accessibility.AssertNoSeriousViolationsAsync(staff);
        await staff.FillAsync("#code", code.ToLowerInvariant()[..4] + " " + code.ToLowerInvariant()[4..]);
        await staff.ClickAsync("#check-in-form button[type=submit]");
        await Expect(staff.Locator("#check-in-result")).ToContainTextAsync(browser.Text("Checked in: {0}", visitorName));

        // 4. The person's timeline shows the attendance.
        var personId = await browser.QueryAsync(db => db.Set<EventRegistration>().Where(r => r.Code == code).Select(r => r.PersonId).SingleAsync());
        Assert.NotNull(personId);
        await staff.GotoAsync($"/admin/people/{personId}");
        await Expect(staff.Locator("#timeline .timeline-entry").Filter(new() { HasText = title })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(staff);

        // 5. The targets page counts the participant.
        await visitor.GotoAsync("/targets");
        Assert.Equal(before + 1, await CountAsync(visitor, targetKey));
    }

    /// <summary>The number the targets page shows now for the target (its "Now" figure, e.g. "1 người").</summary>
    private static async Task<int> CountAsync(IPage page, string key)
    {
        var text = (await page.Locator($"li.target[data-key='{key}'] dd.actual").InnerTextAsync()).Trim();
        return int.Parse(text.Split(' ')[0].Replace(".", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    /// <summary>A target as a province recipe states it: people who attended the year's trainings.</summary>
    private async Task SetTargetAsync(string key)
    {
        var year = VietnamTime.ToLocal(DateTime.UtcNow.AddDays(7)).Year;
        var recipe = JsonSerializer.Serialize(new
        {
            name = "journey-event-targets",
            description = "A target on the trainings' participants, for the events journey.",
            steps = new object[]
            {
                new
                {
                    name = "Targets",
                    targets = new[]
                    {
                        new
                        {
                            key,
                            title = new { vi = "Lượt người được tập huấn " + key, en = "People trained " + key },
                            plan = "Kế hoạch minh hoạ",
                            baseline = 0,
                            target = new { min = 50 },
                            unit = new { vi = "người", en = "people" },
                            startYear = year,
                            deadline = year,
                            indicator = new
                            {
                                measure = "count", source = "eventParticipants",
                                filter = new { kinds = new[] { "training" }, statuses = new[] { "attended" }, from = $"{year}-01-01", to = $"{year}-12-31" },
                            },
                        },
                    },
                },
            },
        });
        await browser.RunRecipeAsync(recipe); // a refused recipe throws
    }

    /// <summary>The body of the e-mail to <paramref name="to"/> that matches; the outbox holds it as soon as the page answered.</summary>
    private Task<string> EmailAsync(string to, Func<string, bool> matches) =>
        browser.QueryAsync(async db => (await db.OutboxEmails.AsNoTracking().Where(e => e.To == to).OrderBy(e => e.Id).Select(e => e.HtmlBody).ToListAsync()).Single(matches));

    /// <summary>The first link of the e-mail whose address contains <paramref name="part"/>, made relative to the site.</summary>
    private string LinkIn(string html, string part)
    {
        var href = Href().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).First(h => h.Contains(part, StringComparison.Ordinal));
        var uri = new Uri(href);
        Assert.Equal(browser.Site.Address.Authority, uri.Authority);
        return uri.PathAndQuery;
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();


}
