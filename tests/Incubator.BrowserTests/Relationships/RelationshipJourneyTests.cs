using System.Text.RegularExpressions;
using Incubator.BrowserTests.Infrastructure;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Mailings;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Relationships;

/// <summary>
/// Issue 17's day, in Chromium and through the pages alone: an officer imports twenty people of a startup from an
/// .xlsx, logs a meeting with its founder, sets a follow-up task, moves the startup to "đang ươm tạo" on the board,
/// builds the segment "đang ươm tạo, Cao Bằng, nông nghiệp" and sends it a mailing; a recipient unsubscribes from the
/// e-mail's link without signing in. The startup is submitted over the API and published, as other journeys do.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed partial class RelationshipJourneyTests(BrowserFixture browser)
{
    private const string Password = "Journey-Password-1";
    private const int People = 20;
    private const int Consenting = 15;

    [Fact]
    public async Task Should_reach_only_the_consenting_people_and_stop_at_an_unsubscribe_when_an_officer_imports_meets_moves_segments_and_mails_in_the_pages()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var startupName = $"Nông sản Hà Quảng {suffix}";
        var startupId = await browser.SubmitStartupThroughApiAsync(startupName, "Miến dong và gạo nếp cẩm của bà con Hà Quảng.", sector: "agri-hitech", locality: "cao-bang");
        await (await browser.PublishAsStaffAsync(startupId)).Context.CloseAsync();
        var officerEmail = await browser.CreateAccountAsync("Staff", Password);
        var officer = await browser.SignInAsync(officerEmail, Password);

        // 1. Twenty people of the startup from a spreadsheet, the founder first; fifteen consented on a paper form.
        var founder = $"Hoàng Thị Mai {suffix}";
        var rows = Enumerable.Range(1, People).Select(i => new Dictionary<string, object?>
        {
            ["Họ và tên"] = i == 1 ? founder : $"Thành viên {i} {suffix}",
            ["Email"] = $"nguoi{i}.{suffix}@haquang.vn",
            ["Giới tính"] = i % 2 == 0 ? "nam" : "nữ",
            ["Địa bàn"] = "cao-bang",
            ["Tổ chức"] = startupName,
            ["Vai trò"] = i == 1 ? "nhà sáng lập" : "thành viên",
            ["Đồng ý nhận bản tin"] = i <= Consenting ? "có" : "không",
        }).ToList();
        using var sheet = new MemoryStream();
        await MiniExcel.SaveAsAsync(sheet, rows);

        await officer.GotoAsync("/admin/import");
        await Accessibility.AssertNoSeriousViolationsAsync(officer);
        await officer.CheckAsync("#kind-people");
        await officer.SetInputFilesAsync("#upload", new FilePayload
        {
            Name = "nguoi-ha-quang.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = sheet.ToArray(),
        });
        await officer.ClickAsync("#import-upload button[type=submit]");
        await Expect(officer.Locator("#import-preview")).ToHaveAttributeAsync("data-good", People.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(officer.Locator("#import-preview")).ToHaveAttributeAsync("data-bad", "0");
        await Accessibility.AssertNoSeriousViolationsAsync(officer);
        await officer.FillAsync("#basis", "Phiếu đăng ký hội thảo khởi nghiệp ngày 20/11/2026");
        await officer.ClickAsync("#import-confirm button[type=submit]");
        await Expect(officer.Locator("#import-done")).ToHaveTextAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, browser.Text("{0} people were imported."), People));

        // 2. The startup's page lists them; the officer logs a meeting with the founder from beside its timeline.
        await officer.GotoAsync($"/admin/organisations/{startupId}");
        await Expect(officer.Locator("main").GetByRole(AriaRole.Link, new() { Name = founder })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(officer);
        await officer.ClickAsync("main a[href^='/admin/interactions/new']");
        await Expect(officer.Locator("#interaction-form")).ToBeVisibleAsync();
        await Expect(officer.Locator($"#interaction-form input[name='Input.OrganisationIds'][value='{startupId}']")).ToBeCheckedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(officer);
        var today = VietnamTime.ToLocal(DateTime.UtcNow);
        await officer.FillAsync("#Input_Date", today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await officer.FillAsync("#Input_Time", "09:30");
        await officer.FillAsync("#Input_Subject", "Gặp nhà sáng lập về vùng nguyên liệu");
        await officer.FillAsync("#Input_Body", "Đã thống nhất:\n\n- gửi **kế hoạch kinh doanh** trước ngày 15\n- khảo sát vùng trồng dong riềng");
        await officer.FillAsync("#Input_PersonIds-search", "hoang thi mai " + suffix);
        await officer.GetByRole(AriaRole.Option, new() { Name = founder }).ClickAsync();
        await Expect(officer.Locator("#Input_PersonIds .picker-chip")).ToContainTextAsync(founder);
        await officer.ClickAsync("#interaction-form button.button[type=submit]");
        await Expect(officer.Locator("main h1")).ToContainTextAsync("Gặp nhà sáng lập về vùng nguyên liệu");

        // 3. A follow-up task from the startup's page, due in a week, for the officer: it is on "Việc của tôi".
        await officer.GotoAsync($"/admin/organisations/{startupId}");
        await Expect(officer.Locator("main")).ToContainTextAsync("Gặp nhà sáng lập về vùng nguyên liệu");
        await officer.ClickAsync("main a[href^='/admin/tasks/new']");
        await Expect(officer.Locator("#task-form")).ToBeVisibleAsync();
        var task = $"Nhận kế hoạch kinh doanh {suffix}";
        await officer.FillAsync("#Input_Title", task);
        await officer.FillAsync("#Input_DueOn", today.AddDays(7).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await officer.SelectOptionAsync("#Input_AssigneeId", new SelectOptionValue { Label = officerEmail });
        await Accessibility.AssertNoSeriousViolationsAsync(officer);
        await officer.ClickAsync("#task-form button.button[type=submit]");
        await Expect(officer).ToHaveURLAsync(new Regex("/admin/tasks$"));
        await Expect(officer.Locator("main")).ToContainTextAsync(task);
        await Accessibility.AssertNoSeriousViolationsAsync(officer);

        // 4. The board, narrowed to the sector and the province: the card's own form moves it to "đang ươm tạo".
        await officer.GotoAsync("/admin/pipeline?sector=agri-hitech&locality=cao-bang");
        var card = officer.Locator($"li.pipeline-card[data-organisation='{startupId}']");
        await Expect(card).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(officer);
        await card.Locator("select[name=stage]").SelectOptionAsync("incubating");
        await card.Locator("button[type=submit]").ClickAsync();
        await Expect(officer.Locator($"section.pipeline-column[data-stage='incubating'] li.pipeline-card[data-organisation='{startupId}']")).ToBeVisibleAsync();

        // 5. The segment "đang ươm tạo, Cao Bằng, nông nghiệp": its preview counts the twenty people.
        await officer.GotoAsync("/admin/segments/new");
        await Accessibility.AssertNoSeriousViolationsAsync(officer);
        var segmentName = $"Đang ươm tạo, Cao Bằng, nông nghiệp {suffix}";
        await officer.FillAsync("#Form_Name", segmentName);
        await officer.CheckAsync("#segment-sectors input[value='agri-hitech']");
        await officer.SelectOptionAsync("#Form_Locality", "cao-bang");
        await officer.SelectOptionAsync("#Form_PipelineStage", "incubating");
        await officer.ClickAsync("#preview-segment");
        await Expect(officer.Locator("#segment-preview")).ToContainTextAsync(People.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await officer.ClickAsync("#save-segment");
        await Expect(officer.Locator("#member-count")).ToHaveTextAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, browser.Text("{0} members"), People));
        await Accessibility.AssertNoSeriousViolationsAsync(officer);

        // 6. A mailing to it, written, checked and sent: it goes to the fifteen who consented.
        await officer.ClickAsync("#new-mailing");
        await Expect(officer.Locator("#mailing-form")).ToBeVisibleAsync();
        var subject = $"Mời tham dự lớp gọi vốn {suffix}";
        await officer.FillAsync("#Form_SubjectVi", subject);
        await officer.FillAsync("#Form_BodyVi", "Kính gửi {{ten}} ({{to_chuc}}),\n\nVườn ươm mời anh chị tham dự **lớp gọi vốn** ngày 12/12.");
        await Accessibility.AssertNoSeriousViolationsAsync(officer);
        await officer.ClickAsync("#save-mailing");
        await Expect(officer.Locator("#send-count")).ToContainTextAsync(Consenting.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Accessibility.AssertNoSeriousViolationsAsync(officer);
        await officer.CheckAsync("#send-form input[type=checkbox]");
        await officer.ClickAsync("#send-mailing");
        await Expect(officer.Locator("#mailing-status")).ToContainTextAsync(Consenting.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var mailingId = new Uri(officer.Url).Segments[^1];

        // The feeder's tick (every 30 s on a running site) queues the e-mails; run it now rather than wait.
        await browser.Site.Services.GetRequiredService<MailingFeeder>().RunOnceAsync();
        var emails = await QueryAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.Subject.Contains(suffix)).Select(e => new { e.To, e.HtmlBody, e.Headers }).ToListAsync());
        Assert.Equal(
            Enumerable.Range(1, Consenting).Select(i => $"nguoi{i}.{suffix}@haquang.vn").Order(StringComparer.Ordinal),
            emails.Select(e => e.To).Order(StringComparer.Ordinal));
        var mail = emails.Single(e => e.To == $"nguoi1.{suffix}@haquang.vn");
        Assert.Contains("Kính gửi " + founder + " (" + startupName + ")", System.Net.WebUtility.HtmlDecode(mail.HtmlBody), StringComparison.Ordinal);
        Assert.Contains("List-Unsubscribe-Post", mail.Headers, StringComparison.Ordinal);

        // 7. The founder follows the e-mail's unsubscribe link in a browser that is signed in to nothing.
        var link = System.Net.WebUtility.HtmlDecode(UnsubscribeLink().Match(mail.HtmlBody).Groups[1].Value);
        var reader = await (await browser.NewContextAsync(width: Accessibility.PhoneWidth, height: 800)).NewPageAsync();
        await reader.GotoAsync(new Uri(link).PathAndQuery);
        await Accessibility.AssertNoSeriousViolationsAsync(reader);
        await reader.ClickAsync("#unsubscribe");
        await Expect(reader.Locator("#unsubscribe-done")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(reader);

        var consent = await QueryAsync(db => db.Set<PersonConsent>().AsNoTracking()
            .Where(c => db.Set<PersonContact>().Any(k => k.PersonId == c.PersonId && k.Normalized == $"nguoi1.{suffix}@haquang.vn"))
            .OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Select(c => new { c.Given, c.Source }).FirstAsync());
        Assert.Equal((false, ConsentSource.Unsubscribe), (consent.Given, consent.Source));

        // The mailing's page counts the unsubscribe; the segment's page shows the founder's consent withdrawn.
        await officer.GotoAsync($"/admin/mailings/{mailingId}");
        await Expect(officer.Locator("#mailing-progress td[data-field='unsubscribed']")).ToHaveTextAsync("1");
        await Expect(officer.Locator("#mailing-progress td[data-field='recipients']")).ToHaveTextAsync(Consenting.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await officer.Context.CloseAsync();
        await reader.Context.CloseAsync();
    }

    private async Task<T> QueryAsync<T>(Func<IncubatorDbContext, Task<T>> query)
    {
        using var scope = browser.Site.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<IncubatorDbContext>());
    }

    [GeneratedRegex("href=\"([^\"]*/unsubscribe/[^\"]*)\"")]
    private static partial Regex UnsubscribeLink();
}
