using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations.Admin;
using Incubator.Web.Features.Pipeline;
using Incubator.Web.Features.Pipeline.Admin;
using Incubator.Web.Features.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Pipeline;

public sealed class PipelineTests(Sites sites) : IClassFixture<Sites>
{
    private static readonly string[] Stages = ["lead", "applied", "incubating", "graduated", "alumni", "stopped"];

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_record_the_history_and_count_it_by_filter_when_staff_move_an_organisation(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync("Staff");
        var (owner, _, _) = await site.CreateApplicantAsync();
        using (owner)
        {
            var id = await OrganisationAsync(owner, "startup", "biotech", "cao-bang.hoa-an");
            string[] filters = ["", "locality=cao-bang", "locality=cao-bang.hoa-an", "locality=thai-nguyen", "sector=biotech", "sector=health", "kind=startup", "kind=enterprise"];
            var before = new Dictionary<string, Dictionary<string, int>>();
            foreach (var filter in filters)
            {
                before[filter] = await CountsAsync(staff, filter);
            }

            var first = await MoveAsync(staff, id, new { stage = "lead" });
            Assert.Equal(("lead", 1, JsonValueKind.Null), (first.Text("stage"), first.GetProperty("version").GetInt32(), first.GetProperty("fromStage").ValueKind));
            var second = await MoveAsync(staff, id, new { stage = "incubating", note = "Vào vườn ươm đợt 2" });
            Assert.Equal(("incubating", "lead", 2, "Đang ươm tạo"), (second.Text("stage"), second.Text("fromStage"), second.GetProperty("version").GetInt32(), second.Text("name")));

            var moves = await site.QueryAsync(db => db.Set<PipelineMove>().Where(m => m.OrganisationId == id).OrderBy(m => m.Id).ToListAsync());
            Assert.Equal([(null, "lead"), ("lead", "incubating")], moves.Select(m => (m.FromStage, m.Stage)));
            Assert.All(moves, m => Assert.False(string.IsNullOrEmpty(m.ByUserId)));
            Assert.Equal([null, "Vào vườn ươm đợt 2"], moves.Select(m => m.Note));
            var stage = await site.QueryAsync(db => db.Set<OrganisationStage>().SingleAsync(s => s.OrganisationId == id));
            Assert.Equal(("incubating", 2, moves[1].AtUtc), (stage.Stage, stage.RowVersion, stage.SinceUtc));

            // In the taxonomy's order, with the new organisation counted only where its sector, locality and kind match.
            var list = await Json.GetAsync(staff, "/api/pipeline");
            Assert.Equal(Stages, list.EnumerateArray().Select(s => s.Text("stage")));
            Assert.Equal("Tiếp cận", list[0].Text("name"));
            foreach (var filter in filters)
            {
                var after = await CountsAsync(staff, filter);
                var counted = filter is "locality=thai-nguyen" or "sector=health" or "kind=enterprise" ? 0 : 1;
                Assert.True(before[filter]["incubating"] + counted == after["incubating"], $"incubating under '{filter}': {before[filter]["incubating"]} then {after["incubating"]}");
                Assert.True(before[filter]["lead"] == after["lead"], $"lead under '{filter}' changed");
            }

            // The timeline shows both moves to staff, newest first, and nothing to the owner.
            using var scope = site.Services.CreateScope();
            var timeline = scope.ServiceProvider.GetRequiredService<TimelineReader>();
            var subject = new TimelineSubject(TimelineSubjectKind.Organisation, id);
            var window = new TimelineWindow(new HashSet<string> { PipelineTimelineSource.Kind }, null, 10);
            // The titles are in the reader's language, as a request in Vietnamese (the site's default) sets it.
            var previous = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = Incubator.Web.Infrastructure.JsonStringLocalizerFactory.Vietnamese;
            IReadOnlyList<TimelineEntry> entries;
            try
            {
                entries = await timeline.ReadAsync(subject, new TimelineViewer("staff", IsStaff: true, IsOwner: false), window, default);
            }
            finally
            {
                (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = previous;
            }

            Assert.Equal([Texts.Vi("Moved from \"{0}\" to \"{1}\"", "Tiếp cận", "Đang ươm tạo"), Texts.Vi("Entered the pipeline at \"{0}\"", "Tiếp cận")], entries.Select(e => e.Title));
            Assert.Equal("Vào vườn ươm đợt 2", entries[0].Detail);
            Assert.Empty(await timeline.ReadAsync(subject, new TimelineViewer("owner", IsStaff: false, IsOwner: true), window, default));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_with_a_message_and_change_nothing_when_a_move_is_invalid_or_not_staffs(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync("Staff");
        var (owner, _, _) = await site.CreateApplicantAsync();
        using (owner)
        {
            var id = await OrganisationAsync(owner, "enterprise", "health", "thai-nguyen");
            await MoveAsync(staff, id, new { stage = "applied" });

            foreach (var (body, field, message) in new (object Body, string Field, string Message)[]
                     {
                         (new { stage = "applied" }, "stage", "The organisation is already in this stage."),
                         (new { stage = "nowhere" }, "stage", "There is no such stage in the pipeline."),
                         (new { note = "x" }, "stage", "Choose a stage."),
                         (new { stage = "incubating", note = new string('x', MoveOrganisation.MaxNoteLength + 1) }, "note", "At most {0} characters."),
                     })
            {
                using var refused = await staff.PutAsJsonAsync($"/api/organisations/{id}/pipeline", body);
                var problem = await Json.ReadAsync(refused, HttpStatusCode.BadRequest);
                var expected = message.Contains("{0}", StringComparison.Ordinal) ? Texts.Vi(message, MoveOrganisation.MaxNoteLength) : Texts.Vi(message);
                Assert.Equal([expected], problem.Errors(field));
            }

            using (var unknown = await staff.PutAsJsonAsync($"/api/organisations/{Guid.NewGuid():N}/pipeline", new { stage = "lead" }))
            {
                Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
                Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
            }

            using (var applicants = await owner.PutAsJsonAsync($"/api/organisations/{id}/pipeline", new { stage = "incubating" }))
            {
                Assert.Equal(HttpStatusCode.Forbidden, applicants.StatusCode);
            }

            using (var counts = await owner.GetAsync(new Uri("/api/pipeline", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.Forbidden, counts.StatusCode);
            }

            using var applicantBrowser = await site.CreateBrowserUserAsync("Applicant");
            using (var board = await applicantBrowser.GetAsync(new Uri("/admin/pipeline", UriKind.Relative)))
            {
                Assert.StartsWith("/account/denied", Forms.Location(board), StringComparison.Ordinal);
            }

            var stored = await site.QueryAsync(async db => (
                (await db.Set<OrganisationStage>().SingleAsync(s => s.OrganisationId == id)).Stage,
                await db.Set<PipelineMove>().CountAsync(m => m.OrganisationId == id)));
            Assert.Equal(("applied", 1), stored);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_let_one_move_win_and_tell_the_other_when_two_staff_move_an_organisation_at_once(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var first = await site.CreateUserAsync("Staff");
        using var second = await site.CreateUserAsync("Staff");
        var (owner, _, _) = await site.CreateApplicantAsync();
        using (owner)
        {
            // Both saw the organisation before its first move (version 0), then both after it (version 1).
            var fresh = await OrganisationAsync(owner, "startup", "ocop", "cao-bang");
            await RaceAsync(site, first, second, fresh, seen: 0, expectedMoves: 1);

            var moved = await OrganisationAsync(owner, "startup", "ocop", "cao-bang");
            await MoveAsync(first, moved, new { stage = "lead" });
            await RaceAsync(site, first, second, moved, seen: 1, expectedMoves: 2);

            // A form drawn before the last move is refused too, even when nobody races it.
            using var stale = await second.PutAsJsonAsync($"/api/organisations/{moved}/pipeline", new { stage = "stopped", version = 1 });
            var problem = await Json.ReadAsync(stale, HttpStatusCode.Conflict);
            Assert.Equal(Texts.Vi(MoveOrganisation.ConflictMessage), problem.Text("title"));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_board_and_move_a_card_with_its_form_when_staff_use_it_without_a_script(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync("Staff");
        using var browser = await site.CreateBrowserUserAsync("Staff");
        var (owner, _, _) = await site.CreateApplicantAsync();
        using (owner)
        {
            var id = await OrganisationAsync(owner, "startup", "agri-hitech", "quang-ngai.tinh-khe");
            var waiting = await Forms.GetAsync(browser, "/admin/pipeline?locality=quang-ngai");
            Assert.NotNull(waiting.QuerySelector($"section.unstaged li[data-organisation='{id}']"));
            await MoveAsync(staff, id, new { stage = "lead" });

            var board = await Forms.GetAsync(browser, "/admin/pipeline?locality=quang-ngai&sector=agri-hitech");
            Assert.Equal(Stages, board.QuerySelectorAll("section.pipeline-column[data-stage]").Select(s => s.GetAttribute("data-stage")).Where(s => s!.Length > 0));
            var lead = board.QuerySelector("section[data-stage='lead']")!;
            var card = lead.QuerySelector($"li[data-organisation='{id}']")!;
            Assert.Equal($"/admin/organisations/{id}", card.QuerySelector("a.name")?.GetAttribute("href"));
            Assert.Equal(Texts.Vi("{0} days in this stage", 0), card.QuerySelector(".days")?.TextContent.Trim());
            Assert.Equal(lead.QuerySelectorAll("li.pipeline-card").Length.ToString(System.Globalization.CultureInfo.InvariantCulture), lead.QuerySelector("h2 .count")?.TextContent);
            var label = card.QuerySelector("form label")!;
            Assert.Equal(card.QuerySelector("form select")!.Id, label.GetAttribute("for"));

            // The card's own form, as a browser without a script sends it, moves the card and comes back to the board.
            using (var moved = await Forms.FillAndSubmitAsync(browser, board, $"li[data-organisation='{id}'] form", new Dictionary<string, string[]> { ["stage"] = ["incubating"] }))
            {
                Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
                Assert.Equal("/admin/pipeline?locality=quang-ngai&sector=agri-hitech", Forms.Location(moved));
            }

            var after = await Forms.GetAsync(browser, "/admin/pipeline?locality=quang-ngai&sector=agri-hitech");
            Assert.Contains("Đang ươm tạo", after.QuerySelector("#pipeline-status")?.TextContent, StringComparison.Ordinal);
            Assert.NotNull(after.QuerySelector($"section[data-stage='incubating'] li[data-organisation='{id}']"));
            Assert.Null(after.QuerySelector($"section[data-stage='lead'] li[data-organisation='{id}']"));
            Assert.Equal("1", after.QuerySelector("#by-sector tr[data-code='agri-hitech'] td[data-stage='incubating']")?.TextContent.Trim());
            Assert.Equal("1", after.QuerySelector("#by-locality tr[data-code='quang-ngai.tinh-khe'] td[data-stage='incubating']")?.TextContent.Trim());
            Assert.Equal("1", after.QuerySelector("#durations tr[data-stage='lead'] .stays")?.TextContent.Trim());

            // The dragged card's post (the same form, asking for JSON) answers with the new version for the next drag.
            var form = Forms.CurrentValues((AngleSharp.Html.Dom.IHtmlFormElement)after.QuerySelector($"li[data-organisation='{id}'] form")!)
                .Where(f => f.Key != "stage").Append(new("stage", "graduated")).ToList();
            using (var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/pipeline/move/{id}") { Content = new FormUrlEncodedContent(form) })
            {
                request.Headers.Accept.ParseAdd("application/json");
                using var dragged = await browser.SendAsync(request);
                var json = await Json.ReadAsync(dragged);
                Assert.Equal(("graduated", 3), (json.Text("stage"), json.GetProperty("version").GetInt32()));
            }

            // Moving to the stage it is in shows the form again with the message beside the stage.
            var page = await Forms.GetAsync(browser, $"/admin/pipeline/move/{id}");
            using (var refused = await Forms.FillAndSubmitAsync(browser, page, "#move-form", new Dictionary<string, string[]> { ["Stage"] = ["graduated"] }))
            {
                Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
                var shown = await Forms.ParseAsync(refused);
                var select = shown.QuerySelector("#move-stage")!;
                Assert.Equal("true", select.GetAttribute("aria-invalid"));
                Assert.Equal(Texts.Vi("The organisation is already in this stage."), shown.GetElementById(select.GetAttribute("aria-describedby")!.Split(' ')[0])?.TextContent.Trim());
            }

            Assert.Equal("graduated", await site.QueryAsync(db => db.Set<OrganisationStage>().Where(s => s.OrganisationId == id).Select(s => s.Stage).SingleAsync()));

            // The organisation page's section shows the stage, its history and the form.
            using var scope = site.Services.CreateScope();
            var section = scope.ServiceProvider.GetServices<IOrganisationPageSection>().OfType<StageSection>().Single();
            var profile = await scope.ServiceProvider.GetRequiredService<IncubatorDbContext>().Set<Startup>().SingleAsync(s => s.ContentItemId == id && s.Latest);
            var view = await section.BuildAsync(new OrganisationPageContext(profile, MayAct: true), default);
            var model = Assert.IsType<StageSectionModel>(view!.Model);
            Assert.Equal(("Đã tốt nghiệp", 3, 3), (model.StageName, model.History.Count, model.Form!.Version));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_first_cards_by_name_and_the_full_count_when_a_stage_holds_more_than_a_column_shows(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var browser = await site.CreateBrowserUserAsync("Staff");
        using var staff = await site.CreateUserAsync("Staff");
        var sector = $"test-{Guid.NewGuid():N}";
        var start = new DateTime(2026, 1, 5, 2, 0, 0, DateTimeKind.Utc);
        string[] named = ["Tổ chức Đông Á", "Bình Minh", "Ánh Dương"];
        var names = named.Concat(Enumerable.Range(0, PipelineBoard.CardsPerColumn).Select(i => $"Tổ chức {i:000}")).ToList();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        await site.QueryAsync(async db =>
        {
            foreach (var name in names.Append("Quỹ Ươm tạo").Append("Cũ"))
            {
                var id = Guid.CreateVersion7().ToString("N");
                ids[name] = id;
                db.Add(new Startup
                {
                    ContentItemId = id, Version = 1, Latest = true, Published = true, Title = name, Slug = $"org-{id}", Summary = "Thử", Sectors = [sector],
                    CreatedUtc = DateTime.UtcNow, ModifiedUtc = DateTime.UtcNow,
                });
                var stage = name switch { "Quỹ Ươm tạo" => "incubating", "Cũ" => "alumni", _ => "lead" };
                db.Add(new OrganisationStage { OrganisationId = id, Stage = stage, SinceUtc = start.AddDays(14), RowVersion = 1 });
            }

            // One organisation's stays: ten days as a lead, then four incubating; its stay as alumni goes on.
            db.AddRange(
                new PipelineMove { OrganisationId = ids["Cũ"], Stage = "lead", AtUtc = start },
                new PipelineMove { OrganisationId = ids["Cũ"], FromStage = "lead", Stage = "incubating", AtUtc = start.AddDays(10) },
                new PipelineMove { OrganisationId = ids["Cũ"], FromStage = "incubating", Stage = "alumni", AtUtc = start.AddDays(14) });
            return await db.SaveChangesAsync();
        });

        var board = await Forms.GetAsync(browser, $"/admin/pipeline?sector={sector}");
        var lead = board.QuerySelector("section[data-stage='lead']")!;
        var cards = lead.QuerySelectorAll("li.pipeline-card").Select(li => li.GetAttribute("data-organisation")).ToList();
        Assert.Equal(PipelineBoard.CardsPerColumn, cards.Count);
        Assert.Equal((names.Count).ToString(System.Globalization.CultureInfo.InvariantCulture), lead.QuerySelector("h2 .count")?.TextContent);
        Assert.Equal(["Ánh Dương", "Bình Minh", "Tổ chức 000", "Tổ chức 001"], lead.QuerySelectorAll("li.pipeline-card a.name").Take(4).Select(a => a.TextContent));
        Assert.Equal("3", lead.QuerySelector(".more")?.GetAttribute("data-more"));
        Assert.DoesNotContain(ids["Tổ chức Đông Á"], cards);
        Assert.Equal(names.Count, (await CountsAsync(staff, $"sector={sector}"))["lead"]);
        Assert.Equal("1", board.QuerySelector("section[data-stage='alumni'] h2 .count")?.TextContent);
        Assert.Equal(names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), board.QuerySelector($"#by-sector tr[data-code='{sector}'] td[data-stage='lead']")?.TextContent.Trim());
        Assert.Equal(("1", "1"), (board.QuerySelector("#durations tr[data-stage='lead'] .stays")?.TextContent.Trim(), board.QuerySelector("#durations tr[data-stage='incubating'] .stays")?.TextContent.Trim()));
        Assert.StartsWith("10", board.QuerySelector("#durations tr[data-stage='lead'] .mean")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("4", board.QuerySelector("#durations tr[data-stage='incubating'] .median")?.TextContent.Trim(), StringComparison.Ordinal);

        // Opened, the column shows every card, Đông Á after Bình Minh.
        var open = await Forms.GetAsync(browser, $"/admin/pipeline?sector={sector}&open=lead");
        var all = open.QuerySelectorAll("section[data-stage='lead'] li.pipeline-card a.name").Select(a => a.TextContent).ToList();
        Assert.Equal(names.Count, all.Count);
        Assert.Equal(["Ánh Dương", "Bình Minh", "Tổ chức 000"], all.Take(3));
        Assert.Contains("Tổ chức Đông Á", all);
        Assert.Null(open.QuerySelector("section[data-stage='lead'] .more"));
    }

    private static async Task RaceAsync(SiteFactory site, HttpClient first, HttpClient second, string id, int seen, int expectedMoves)
    {
        var answers = await Task.WhenAll(
            first.PutAsJsonAsync($"/api/organisations/{id}/pipeline", new { stage = "applied", version = seen }),
            second.PutAsJsonAsync($"/api/organisations/{id}/pipeline", new { stage = "stopped", version = seen }));
        try
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
            var winner = await Json.ReadAsync(answers.Single(a => a.IsSuccessStatusCode));
            var stored = await site.QueryAsync(async db => (
                (await db.Set<OrganisationStage>().SingleAsync(s => s.OrganisationId == id)).Stage,
                await db.Set<PipelineMove>().CountAsync(m => m.OrganisationId == id)));
            Assert.Equal((winner.Text("stage"), expectedMoves), stored);
        }
        finally
        {
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
        }
    }

    private static async Task<string> OrganisationAsync(HttpClient owner, string kind, string sector, string locality)
    {
        using var created = await owner.PostAsJsonAsync("/api/organisations", new { kind, name = $"Tổ chức {Guid.NewGuid():N}", summary = "Ươm tạo", sectors = new[] { sector }, locality });
        return (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
    }

    private static async Task<JsonElement> MoveAsync(HttpClient staff, string id, object body)
    {
        using var response = await staff.PutAsJsonAsync($"/api/organisations/{id}/pipeline", body);
        return await Json.ReadAsync(response);
    }

    private static async Task<Dictionary<string, int>> CountsAsync(HttpClient staff, string query)
    {
        var list = await Json.GetAsync(staff, "/api/pipeline?" + query);
        return list.EnumerateArray().ToDictionary(s => s.Text("stage"), s => s.GetProperty("count").GetInt32());
    }
}
