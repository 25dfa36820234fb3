using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Events;
using Incubator.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Events.Pages;

/// <summary>The back office's events: the list, and the editor that creates and changes an event through the API's rules.</summary>
public sealed class EventEditorTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_visitors_and_applicants_out_when_they_open_the_events_back_office(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var visitor = site.CreateBrowserClient();
        using var applicant = await site.CreateBrowserUserAsync("Applicant");
        foreach (var path in new[] { "/admin/events", "/admin/events/new" })
        {
            using var anonymous = await visitor.GetAsync(new Uri(path, UriKind.Relative));
            Assert.StartsWith("/account/login", Forms.Location(anonymous), StringComparison.Ordinal);
            using var forbidden = await applicant.GetAsync(new Uri(path, UriKind.Relative));
            Assert.StartsWith("/account/denied", Forms.Location(forbidden), StringComparison.Ordinal);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_beside_the_fields_and_save_nothing_then_create_when_staff_fill_the_editor(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        var slug = EventArrange.Slug("tap-huan");

        var form = await Forms.GetAsync(staff, "/admin/events/new");
        using (var refused = await Forms.FillAndSubmitAsync(staff, form, "#event-editor", new Dictionary<string, string[]>
               {
                   ["slug"] = [slug], ["title.vi"] = [" "], ["startsAt"] = ["2031-06-10T17:00"], ["endsAt"] = ["2031-06-10T08:00"], ["capacity"] = ["ba mươi"],
                   ["place"] = ["Hội trường A"],
               }, "command", "save"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await Forms.ParseAsync(refused);
            Assert.Equal(Texts.Vi("Give the event's title in Vietnamese."), page.QuerySelector("#e-title-vi-error")?.TextContent.Trim());
            Assert.Equal(Texts.Vi("The end must be after the start."), page.QuerySelector("#e-endsAt-error")?.TextContent.Trim());
            Assert.NotNull(page.QuerySelector("#e-capacity-error"));
            Assert.Equal("ba mươi", (page.QuerySelector("#e-capacity") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);
            Assert.Equal("true", page.QuerySelector("#e-endsAt")?.GetAttribute("aria-invalid"));
            Assert.NotNull(page.QuerySelector("#error-summary li[data-path='title.vi']"));
            form = page;
        }

        Assert.False(await site.QueryAsync(db => db.Set<Event>().AnyAsync(e => e.Slug == slug)));

        // A question added with the no-script button, then the form corrected and saved.
        using (var added = await Forms.FillAndSubmitAsync(staff, form, "#event-editor", null, "command", "add-question"))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            form = await Forms.ParseAsync(added);
            Assert.NotNull(form.QuerySelector("[name='questions[0].label.vi']"));
        }

        using (var saved = await Forms.FillAndSubmitAsync(staff, form, "#event-editor", new Dictionary<string, string[]>
               {
                   ["title.vi"] = ["Tập huấn gọi vốn"], ["title.en"] = ["Fundraising training"], ["kind"] = ["training"], ["endsAt"] = ["2031-06-10T20:00"],
                   ["capacity"] = ["30"], ["locality"] = ["cao-bang"], ["published"] = ["true"],
                   ["questions[0].label.vi"] = ["Loại hình đơn vị"], ["questions[0].type"] = ["choice"], ["questions[0].options"] = ["Doanh nghiệp | Enterprise\nCá nhân"],
                   ["questions[0].required"] = ["true"],
               }, "command", "save"))
        {
            Assert.Equal($"/admin/events/{slug}/edit", Forms.Location(saved));
        }

        var item = await site.QueryAsync(db => db.Set<Event>().SingleAsync(e => e.Slug == slug && e.Latest));
        Assert.True(item.Published);
        Assert.Equal(("Tập huấn gọi vốn", "Fundraising training", 30, "cao-bang"), (item.Title, item.TitleEn, item.Capacity!.Value, item.Locality!));
        Assert.Equal(new DateTime(2031, 6, 10, 10, 0, 0, DateTimeKind.Utc), item.StartsUtc);
        var question = Assert.Single(item.Questions);
        Assert.Equal(("loaiHinhDonVi", FormFieldType.Choice, true), (question.Key, question.Type, question.Required));
        Assert.Equal(["doanh-nghiep", "ca-nhan"], question.Choices.Select(c => c.Value));

        // The back office's list shows it among the upcoming published events, with a link to its editor.
        var list = await Forms.GetAsync(staff, "/admin/events?status=published");
        Assert.Equal($"/admin/events/{slug}/edit", list.QuerySelector($"tr[data-event='{slug}'] a")?.GetAttribute("href"));
        list = await Forms.GetAsync(staff, "/admin/events?status=draft");
        Assert.Null(list.QuerySelector($"tr[data-event='{slug}']"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_save_a_change_and_refuse_a_stale_form_when_staff_edit_an_event(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staffApi = await site.CreateUserAsync(Roles.Staff);
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        var slug = (await EventArrange.CreateAsync(staffApi, overrides: new()
        {
            ["questions"] = new object[] { new { key = "company", type = "text", label = new { vi = "Đơn vị" } } },
        })).GetProperty("slug").GetString()!;

        var first = await Forms.GetAsync(staff, $"/admin/events/{slug}/edit");
        var second = await Forms.GetAsync(staff, $"/admin/events/{slug}/edit");
        Assert.Equal("company", (first.QuerySelector("[name='questions[0].key']") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);

        // A question's problem lands beside it, and nothing is saved.
        using (var refused = await Forms.FillAndSubmitAsync(staff, first, "#event-editor", new Dictionary<string, string[]> { ["questions[0].label.vi"] = [""] }, "command", "save"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await Forms.ParseAsync(refused);
            Assert.Equal(Texts.Vi("Give the field's label in Vietnamese."), page.QuerySelector("#e-questions-0-label-vi-error")?.TextContent.Trim());
        }

        using (var saved = await Forms.FillAndSubmitAsync(staff, first, "#event-editor", new Dictionary<string, string[]> { ["title.vi"] = ["Tập huấn đã đổi tên"], ["capacity"] = ["45"] }, "command", "save"))
        {
            Assert.Equal($"/admin/events/{slug}/edit", Forms.Location(saved));
        }

        var item = await site.QueryAsync(db => db.Set<Event>().SingleAsync(e => e.Slug == slug && e.Latest));
        Assert.Equal(("Tập huấn đã đổi tên", 45, "company"), (item.Title, item.Capacity!.Value, Assert.Single(item.Questions).Key));

        // The second form was drawn before that change: it is refused and the change stays.
        using (var stale = await Forms.FillAndSubmitAsync(staff, second, "#event-editor", new Dictionary<string, string[]> { ["title.vi"] = ["Tên cũ ghi đè"] }, "command", "save"))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            var page = await Forms.ParseAsync(stale);
            Assert.NotNull(page.QuerySelector("#error-summary li[data-path='stamp']"));
        }

        Assert.Equal("Tập huấn đã đổi tên", await site.QueryAsync(db => db.Set<Event>().Where(e => e.Slug == slug && e.Latest).Select(e => e.Title).SingleAsync()));

        // Removing the question with its row button, then saving, leaves none; unticking "published" takes it off the public list.
        var current = await Forms.GetAsync(staff, $"/admin/events/{slug}/edit");
        using (var removed = await Forms.FillAndSubmitAsync(staff, current, "#event-editor", null, "command", "remove-question-0"))
        {
            current = await Forms.ParseAsync(removed);
            Assert.Null(current.QuerySelector("[name='questions[0].key']"));
        }

        using (var saved = await Forms.FillAndSubmitAsync(staff, current, "#event-editor", new Dictionary<string, string[]> { ["published"] = [] }, "command", "save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.False(await site.QueryAsync(db => db.Set<Event>().AnyAsync(e => e.Slug == slug && e.Published)));
        Assert.Equal("[]", await site.QueryAsync(db => db.Set<Event>().Where(e => e.Slug == slug && e.Latest).Select(e => e.QuestionsJson).SingleAsync()));
    }
}
