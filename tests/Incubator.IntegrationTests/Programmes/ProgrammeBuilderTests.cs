using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Applications;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Programmes;

/// <summary>
/// The programme builder at /admin/programmes/{id}, driven as a browser without script drives it: every button posts
/// the form with its antiforgery token, and what the officer reads is checked in Vietnamese.
/// </summary>
public sealed class ProgrammeBuilderTests(Sites sites) : IClassFixture<Sites>
{
    private const string Builder = "form.programme-builder";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_create_a_programme_with_six_field_types_and_a_rubric_when_staff_use_the_builder_without_json(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var key = SupportData.NewKey();

        // A new programme starts with one round, one long-text field and one criterion; five more fields and a second
        // criterion are added with the builder's buttons, which save nothing.
        var page = await Forms.GetAsync(staff, "/admin/programmes/new");
        Assert.Single(page.QuerySelectorAll("fieldset[data-row='field']"));
        foreach (var type in new[] { "text", "money", "date", "choice", "file" })
        {
            page = await PressAsync(staff, page, "button[value='add-field']", new() { ["newFieldType"] = [type] });
        }

        page = await PressAsync(staff, page, "button[value='add-criterion']");
        Assert.Equal(6, page.QuerySelectorAll("fieldset[data-row='field']").Length);
        Assert.Equal(["longtext", "text", "money", "date", "choice", "file"], FieldTypes(page));
        Assert.Equal(["0", "1", "2", "3", "4", "amount", "5"], page.QuerySelectorAll("#form-preview [data-preview-field]").Select(f => f.GetAttribute("data-preview-field")));

        // Moving the first field down swaps it with the second, labels and all.
        page = await PressAsync(staff, page, "button[value='field-down:0']", new() { ["form[0].label.vi"] = ["Tóm tắt dự án"] });
        Assert.Equal(["text", "longtext", "money", "date", "choice", "file"], FieldTypes(page));
        Assert.Equal("Tóm tắt dự án", Forms.CurrentValues((IHtmlFormElement)page.QuerySelector(Builder)!).Single(v => v.Key == "form[1].label.vi").Value);
        Assert.False(await site.QueryAsync(db => db.Programmes.AnyAsync(p => p.Slug == key)));

        using (var saved = await SupportApplications.PressAsync(staff, page, $"{Builder} .actions button[value='publish']", new Dictionary<string, string[]>
        {
            ["key"] = [key],
            ["name.vi"] = ["Hỗ trợ khởi nghiệp 2027"],
            ["name.en"] = ["Startup support 2027"],
            ["legalBasis"] = ["Kế hoạch 62/KH-UBND"],
            ["supportType"] = ["innovative-startup"],
            ["budget"] = ["1.500.000.000"],
            ["maxPerApplication"] = ["300.000.000"],
            ["coFundingShare"] = ["30"],
            ["rounds[0].name.vi"] = ["Đợt 1 năm 2027"],
            ["rounds[0].opensAt"] = ["2027-03-01T08:00"],
            ["rounds[0].closesAt"] = ["2027-04-30T23:59:59"],
            ["form[0].label.vi"] = ["Tên sản phẩm"],
            ["form[0].required"] = ["true"],
            ["form[1].help.vi"] = ["Tối đa một trang."],
            ["form[2].label.vi"] = ["Vốn đối ứng"],
            ["form[3].label.vi"] = ["Ngày bắt đầu"],
            ["form[4].label.vi"] = ["Lĩnh vực"],
            ["form[4].options"] = ["Nông nghiệp | Agriculture\nCông nghệ thông tin | IT"],
            ["form[5].label.vi"] = ["Kế hoạch kinh doanh"],
            ["form[5].fileTypes"] = ["pdf, .docx"],
            ["form[5].maxFileSizeMb"] = ["5"],
            ["rubric.passMark"] = ["70"],
            ["rubric.criteria[0].label.vi"] = ["Tính mới"],
            ["rubric.criteria[0].maxPoints"] = ["40"],
            ["rubric.criteria[0].guidance.vi"] = ["Mới ở Cao Bằng: 20 điểm; mới ở Việt Nam: 40 điểm."],
            ["rubric.criteria[1].label.vi"] = ["Tính khả thi"],
            ["rubric.criteria[1].maxPoints"] = ["60"],
        }))
        {
            var location = Forms.Location(saved);
            var id = location.Split('/')[^1];
            var edit = await Forms.GetAsync(staff, location);
            Assert.Equal(Texts.Vi("Saved and published."), edit.QuerySelector("p.success")?.TextContent.Trim());
            Assert.Equal(["text", "longtext", "money", "date", "choice", "file"], FieldTypes(edit));

            using var anyone = site.CreateClient();
            var definition = (await Json.GetAsync(anyone, $"/api/programmes/{id}")).GetProperty("definition");
            Assert.Equal(key, definition.Text("key"));
            Assert.Equal(1_500_000_000L, definition.GetProperty("budget").GetInt64());
            Assert.Equal(0.3m, definition.GetProperty("coFundingShare").GetDecimal());
            var round = definition.GetProperty("rounds")[0];
            Assert.Equal("dot-1-nam-2027", round.Text("key"));
            Assert.Equal("Đợt 1 năm 2027", round.GetProperty("name").Text("vi"));
            Assert.Equal(new DateTimeOffset(2027, 3, 1, 1, 0, 0, TimeSpan.Zero), round.GetProperty("opensAt").GetDateTimeOffset());
            Assert.Equal(new DateTimeOffset(2027, 4, 30, 16, 59, 59, TimeSpan.Zero), round.GetProperty("closesAt").GetDateTimeOffset());

            var form = definition.GetProperty("form").EnumerateArray().ToList();
            Assert.Equal(["tenSanPham", "tomTatDuAn", "vonDoiUng", "ngayBatDau", "linhVuc", "keHoachKinhDoanh"], form.Select(f => f.Text("key")));
            Assert.True(form[0].GetProperty("required").GetBoolean());
            Assert.Equal("Tối đa một trang.", form[1].GetProperty("help").Text("vi"));
            Assert.Equal(["nong-nghiep", "cong-nghe-thong-tin"], form[4].GetProperty("options").EnumerateArray().Select(o => o.Text("value")));
            Assert.Equal("Agriculture", form[4].GetProperty("options")[0].GetProperty("label").Text("en"));
            Assert.Equal([".pdf", ".docx"], form[5].GetProperty("fileTypes").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(5, form[5].GetProperty("maxFileSizeMb").GetInt32());

            var rubric = definition.GetProperty("rubric");
            Assert.Equal(["tinh-moi", "tinh-kha-thi"], rubric.GetProperty("criteria").EnumerateArray().Select(c => c.Text("key")));
            Assert.Equal("Mới ở Cao Bằng: 20 điểm; mới ở Việt Nam: 40 điểm.", rubric.GetProperty("criteria")[0].GetProperty("guidance").Text("vi"));
            Assert.True(rubric.GetProperty("rules").GetProperty("hundredPointScale").GetBoolean());

            // The JSON view shows what was saved; the list shows the round by its name.
            Assert.Equal(key, JsonNode.Parse(edit.QuerySelector("textarea#definition[readonly]")!.TextContent)!["key"]?.GetValue<string>());
            var list = await Forms.GetAsync(staff, "/admin/programmes");
            Assert.Contains("1.500.000.000 ₫", list.QuerySelector($"table.programmes tr[data-id='{id}']")?.TextContent, StringComparison.Ordinal);

            // Creating another programme with the same key is refused beside the key instead of overwriting this one.
            var again = await Forms.GetAsync(staff, "/admin/programmes/new");
            var duplicate = await PressAsync(staff, again, $"{Builder} .actions button[value='save']", new() { ["key"] = [key], ["name.vi"] = ["Trùng mã"] });
            Assert.Equal(Texts.Vi("Another programme already uses this key."), duplicate.QuerySelector("#p-key-error")?.TextContent.Trim());

            // Leaders read the programme but have no builder to save with.
            using var leader = await site.CreateBrowserUserAsync("Leader");
            var readOnly = await Forms.GetAsync(leader, location);
            Assert.Null(readOnly.QuerySelector(Builder));
            Assert.Null(readOnly.QuerySelector("form.programme-upload"));
            Assert.NotNull(readOnly.QuerySelector("textarea#definition[readonly]"));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_every_error_beside_its_field_in_vietnamese_and_save_nothing_when_the_builder_is_posted_with_mistakes(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var key = SupportData.NewKey();
        var page = await Forms.GetAsync(staff, "/admin/programmes/new");

        var refused = await PressAsync(staff, page, $"{Builder} .actions button[value='publish']", new()
        {
            ["key"] = [key],
            ["name.vi"] = [""],
            ["legalBasis"] = [""],
            ["supportType"] = [""],
            ["eligibleKinds"] = [],
            ["budget"] = ["nhiều tiền"],
            ["maxPerApplication"] = [""],
            ["coFundingShare"] = ["150"],
            ["rounds[0].name.vi"] = [""],
            ["rounds[0].opensAt"] = ["ngày mai"],
            ["form[0].label.vi"] = [""],
            ["form[0].help.en"] = ["One page at most."],
            ["rubric.criteria[0].label.vi"] = [""],
            ["rubric.criteria[0].maxPoints"] = ["30"],
            ["rubric.passMark"] = ["bảy mươi"],
            ["workflow"] = [""],
        });

        var expected = new Dictionary<string, string>
        {
            ["name.vi"] = Texts.Vi("Give the programme's name in Vietnamese."),
            ["legalBasis"] = Texts.Vi("Give the legal basis (at most 500 characters), e.g. Kế hoạch 62/KH-UBND."),
            ["supportType"] = Texts.Vi("Choose a support type from the support-types taxonomy."),
            ["eligibleKinds"] = Texts.Vi("Choose who may apply."),
            ["budget"] = Texts.Vi("Give a whole number of đồng, e.g. 1.500.000.000."),
            ["maxPerApplication"] = Texts.Vi("Give the maximum per application in đồng, more than zero."),
            ["coFundingShare"] = Texts.Vi("Give a percentage from 0 to 100, e.g. 30."),
            ["rounds[0].name.vi"] = Texts.Vi("Give the round's name in Vietnamese, e.g. Đợt 1 năm 2027."),
            ["rounds[0].opensAt"] = Texts.Vi("Give a date and time, e.g. 01/03/2027 08:00."),
            ["form[0].label.vi"] = Texts.Vi("Give the field's label in Vietnamese."),
            ["form[0].help.vi"] = Texts.Vi("Give this text in Vietnamese as well."),
            ["rubric.passMark"] = Texts.Vi("Give a number, e.g. 70 or 72,5."),
            ["rubric.criteria"] = Texts.Vi("On the 100-point scale the criteria's maximum points must add up to 100, not {0}.", 30),
            ["rubric.criteria[0].label.vi"] = Texts.Vi("A Vietnamese label is required."),
            ["workflow"] = Texts.Vi("Choose the workflow applications follow."),
        };
        foreach (var (path, message) in expected)
        {
            var id = Id(path);
            Assert.True(refused.GetElementById(id + "-error")?.TextContent.Trim() == message && path != "rubric.criteria"
                    || refused.GetElementById(id)?.TextContent.Trim() == message,
                $"{path}: expected \"{message}\" beside the field, found \"{refused.GetElementById(id + "-error")?.TextContent.Trim() ?? refused.GetElementById(id)?.TextContent.Trim()}\"");
            var input = refused.GetElementById(id);
            if (input is IHtmlInputElement or IHtmlSelectElement or IHtmlTextAreaElement or IHtmlFieldSetElement)
            {
                Assert.Contains(id + "-error", input.GetAttribute("aria-describedby") ?? string.Empty, StringComparison.Ordinal);
            }

            // The summary at the top links each problem to its field.
            Assert.NotNull(refused.QuerySelector($"#error-summary li[data-path='{path}'] a[href='#{id}']"));
        }

        // What was typed is shown again as typed, no exception's text reaches the page, and nothing is created.
        Assert.Equal("nhiều tiền", SupportApplications.Value(refused, "#p-budget"));
        Assert.Equal("true", refused.GetElementById("p-budget")?.GetAttribute("aria-invalid"));
        Assert.DoesNotContain("Exception", refused.Body!.TextContent, StringComparison.Ordinal);
        Assert.False(await site.QueryAsync(db => db.Programmes.AnyAsync(p => p.Slug == key)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_check_an_uploaded_json_file_as_the_builder_checks_its_inputs_and_save_it_when_it_is_valid(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var key = SupportData.NewKey();
        var page = await Forms.GetAsync(staff, "/admin/programmes/new");

        // Not JSON of the documented shape: the officer is told where, in Vietnamese, not the reader's English exception.
        var malformed = await UploadAsync(staff, page, "save", """{ "key": "x", "budget": "lots" }""");
        Assert.Equal(Texts.Vi("The file is not a programme in the documented JSON shape: look at line {0}, at {1}. {2}", 1, "budget", Texts.Vi("Expected a whole number here.")), malformed.QuerySelector("#p-upload-error")?.TextContent.Trim());
        Assert.DoesNotContain("System.", malformed.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be converted", malformed.Body!.TextContent, StringComparison.Ordinal);

        // A definition with mistakes fills the builder, each mistake beside its field, and saves nothing.
        var definition = SupportData.Programme(key);
        definition["budget"] = 0;
        definition["rubric"]!["criteria"]![0]!["maxPoints"] = 0;
        definition["rounds"]![0]!["name"] = new JsonObject { ["vi"] = new string('Đ', 201) };
        var round = definition["rounds"]![0]!.DeepClone();
        round["key"] = new string('a', 70);
        round["name"] = new JsonObject { ["vi"] = "Đợt 2" };
        definition["rounds"]!.AsArray().Add(round);
        definition["form"]!.AsArray().Add(new JsonObject
        {
            ["key"] = "plan", ["type"] = "file", ["label"] = new JsonObject { ["vi"] = "Kế hoạch" },
            ["fileTypes"] = new JsonArray(".exe"), ["maxFileSizeMb"] = 500, ["maxFiles"] = 0,
        });
        var invalid = await UploadAsync(staff, page, "publish", definition.ToJsonString());
        Assert.Equal(definition["name"]!["vi"]!.GetValue<string>(), SupportApplications.Value(invalid, "#p-name-vi"));
        Assert.Equal(".exe", SupportApplications.Value(invalid, "#p-form-3-fileTypes"));
        var errors = new Dictionary<string, string>
        {
            ["budget"] = Texts.Vi("Give the total budget in đồng, more than zero."),
            ["rubric.criteria[0].maxPoints"] = Texts.Vi("The maximum points must be at least 1, not {0}.", 0),
            ["rounds[0].name.vi"] = Texts.Vi("Give the round's name in Vietnamese, at most 200 characters, e.g. Đợt 1 năm 2027."),
            ["rounds[1].name.vi"] = Texts.Vi("Give the round a key of lower-case letters, digits and dashes, e.g. 2026-1."),
            ["form[3].fileTypes"] = Texts.Vi("\"{0}\" is not a file type the site accepts; choose among {1}.", ".exe", ".pdf, .doc, .docx, .odt, .xls, .xlsx, .ods, .pptx, .png, .jpg"),
            ["form[3].maxFileSizeMb"] = Texts.Vi("A file size limit is a whole number of MB from 1 to {0}.", 100),
            ["form[3].maxFiles"] = Texts.Vi("A number of files is a whole number from 1 to {0}.", 50),
        };
        foreach (var (path, message) in errors)
        {
            Assert.Equal(message, invalid.GetElementById(Id(path) + "-error")?.TextContent.Trim());
        }

        Assert.False(await site.QueryAsync(db => db.Programmes.AnyAsync(p => p.Slug == key)));

        // A valid file is saved as the builder saves, here published.
        using var valid = await SupportApplications.PressAsync(staff, page, "form.programme-upload button[value='publish']", file: ("file", "programme.json", Encoding.UTF8.GetBytes(SupportData.Programme(key).ToJsonString())));
        var location = Forms.Location(valid);
        Assert.StartsWith("/admin/programmes/", location, StringComparison.Ordinal);
        Assert.True(await site.QueryAsync(db => db.Programmes.AnyAsync(p => p.Slug == key && p.Published)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_the_answers_of_an_application_readable_under_its_form_when_the_programme_form_changes_after_submission(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        var (api, _, _) = await site.CreateApplicantAsync();
        using var drafter = api;
        await SupportApplications.CreateApplicationAsync(drafter, programmeId);
        Assert.NotNull(await site.QueryAsync(db => db.Applications.Where(a => a.Id == application.Id).Select(a => a.FormJson).SingleAsync()));

        // The builder says what a change of the form affects before it is saved.
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var url = $"/admin/programmes/{programmeId}";
        var page = await Forms.GetAsync(staff, url);
        Assert.Equal(Texts.Vi("{0} submitted applications keep the form they were submitted under; {1} draft applications will use the form as you save it.", 1, 1), page.QuerySelector("#form-use")?.TextContent.Trim());

        // Form v2: the own-funds field goes, the summary is renamed and the field's only choice is replaced.
        page = await PressAsync(staff, page, "button[value='remove-field:1']");
        var changes = new Dictionary<string, string[]>
        {
            ["form[0].label.vi"] = ["Tóm tắt ý tưởng"],
            ["form[1].options"] = ["Công nghiệp | Industry"],
        };
        var asked = await PressAsync(staff, page, $"{Builder} .actions button[value='publish']", changes);
        Assert.Equal(Texts.Vi("The form changed while applications use it: read what the change affects and tick the box to save it."), asked.QuerySelector("#p-confirmFormChange-error")?.TextContent.Trim());
        using var anyone = site.CreateClient();
        Assert.Equal(3, (await Json.GetAsync(anyone, $"/api/programmes/{programmeId}")).GetProperty("definition").GetProperty("form").GetArrayLength());

        changes["confirmFormChange"] = ["true"];
        using (var saved = await SupportApplications.PressAsync(staff, asked, $"{Builder} .actions button[value='publish']", changes))
        {
            Assert.Equal(url, Forms.Location(saved));
        }

        var form = (await Json.GetAsync(anyone, $"/api/programmes/{programmeId}")).GetProperty("definition").GetProperty("form");
        Assert.Equal(["summary", "field"], form.EnumerateArray().Select(f => f.Text("key")));

        // The submitted application still reads under form v1: its labels, its money and its choice by name.
        var show = await Forms.GetAsync(staff, $"/admin/applications/{application.Id}");
        Assert.Equal("Tóm tắt dự án", show.QuerySelector("dt[data-field='summary']")?.TextContent.Trim());
        Assert.Equal("Vốn đối ứng", show.QuerySelector("dt[data-field='ownFunds']")?.TextContent.Trim());
        Assert.Equal("150.000.000 ₫", show.QuerySelector("dd[data-field='ownFunds']")?.TextContent.Trim());
        Assert.Equal("Nông nghiệp công nghệ cao", show.QuerySelector("dd[data-field='field']")?.TextContent.Trim());
        Assert.DoesNotContain(Texts.Vi("no longer on the form"), show.QuerySelector("dl.answers")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_file_of_another_type_a_larger_file_and_one_file_too_many_when_the_field_sets_its_limits(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staffApi = await site.CreateUserAsync("Staff");
        var definition = SupportData.Programme(SupportData.NewKey());
        definition["form"]!.AsArray().Add(new JsonObject
        {
            ["key"] = "plan", ["type"] = "file", ["label"] = new JsonObject { ["vi"] = "Kế hoạch" },
            ["fileTypes"] = new JsonArray(".pdf"), ["maxFileSizeMb"] = 1, ["maxFiles"] = 1,
        });
        var programmeId = await ProgrammeData.CreateProgrammeAsync(staffApi, definition);
        var (api, _, _) = await site.CreateApplicantAsync();
        using var applicant = api;
        var id = await SupportApplications.CreateApplicationAsync(applicant, programmeId);
        var url = $"/api/applications/{id}/attachments";

        using (var png = await SupportApplications.UploadAsync(applicant, url, [new("fieldKey", "plan")], "file", "Ảnh.png", Png))
        {
            var problem = await Json.ReadAsync(png, HttpStatusCode.BadRequest);
            Assert.Equal([Texts.Vi("This field takes only these file types: {0}.", ".pdf")], problem.Errors("file"));
        }

        using (var large = await SupportApplications.UploadAsync(applicant, url, [new("fieldKey", "plan")], "file", "Lớn.pdf", [.. SupportApplications.Pdf, .. new byte[1024 * 1024]]))
        {
            var problem = await Json.ReadAsync(large, HttpStatusCode.BadRequest);
            Assert.Equal([Texts.Vi("A file for this field may be at most {0} MB.", 1)], problem.Errors("file"));
        }

        using (var first = await SupportApplications.UploadAsync(applicant, url, [new("fieldKey", "plan")], "file", "Kế hoạch.pdf", SupportApplications.Pdf))
        {
            await Json.ReadAsync(first, HttpStatusCode.Created);
        }

        using (var second = await SupportApplications.UploadAsync(applicant, url, [new("fieldKey", "plan")], "file", "Kế hoạch 2.pdf", SupportApplications.Pdf))
        {
            var problem = await Json.ReadAsync(second, HttpStatusCode.BadRequest);
            Assert.Equal([Texts.Vi("This field takes at most {0} files; remove one first.", 1)], problem.Errors("file"));
        }

        Assert.Equal(1, await site.QueryAsync(db => db.ApplicationAttachments.CountAsync(a => a.ApplicationId == id)));
    }

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>The id the builder gives the input of a path, as the page's own rule makes it.</summary>
    private static string Id(string path) => Incubator.Web.Features.Programmes.Admin.EditModel.Id(path);

    private static List<string> FieldTypes(IDocument page) =>
        [.. page.QuerySelectorAll("fieldset[data-row='field'] select[data-field-type]").OfType<IHtmlSelectElement>().Select(s => s.Value ?? string.Empty)];

    /// <summary>Presses a button of the page and reads the page drawn again (a row button, or a save that was refused).</summary>
    private static async Task<IDocument> PressAsync(HttpClient client, IDocument page, string button, Dictionary<string, string[]>? changes = null)
    {
        using var response = await SupportApplications.PressAsync(client, page, button, changes);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Forms.ParseAsync(response);
    }

    private static async Task<IDocument> UploadAsync(HttpClient client, IDocument page, string then, string json)
    {
        using var response = await SupportApplications.PressAsync(client, page, $"form.programme-upload button[value='{then}']", file: ("file", "programme.json", Encoding.UTF8.GetBytes(json)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Forms.ParseAsync(response);
    }
}
