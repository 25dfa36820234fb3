using System.Net;
using AngleSharp.Dom;
using Incubator.IntegrationTests.Applications;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Programmes;

/// <summary>
/// The requested amount in the programme builder: an item among the form's fields that the officer moves like a field
/// and names, but cannot remove, since every application asks for the amount; applicants meet it where it was placed.
/// </summary>
public sealed class AmountPlacementTests(Sites sites) : IClassFixture<Sites>
{
    private const string Builder = "form.programme-builder";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_save_the_requested_amount_where_the_officer_moved_it_when_staff_place_it_in_the_builder(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var key = SupportData.NewKey();

        // A new form shows the amount after its one field, with no remove button; a file field comes after the amount.
        var page = await Forms.GetAsync(staff, "/admin/programmes/new");
        page = await PressAsync(staff, page, "button[value='add-field']", new() { ["newFieldType"] = ["file"] });
        Assert.Equal(["field", "amount", "field"], Rows(page));
        Assert.Null(page.QuerySelector("fieldset[data-row='amount'] button[value^='remove']"));
        Assert.Equal(Texts.Vi("Label (Vietnamese)"), page.QuerySelector("fieldset[data-row='amount'] label[for]")?.TextContent.Trim());

        // Moved up, it comes first; moved down again past the first field and up once more, it is first again.
        page = await PressAsync(staff, page, "button[value='amount-up']");
        Assert.Equal(["amount", "field", "field"], Rows(page));

        // The preview shows it as the applicant will meet it: first, as a required amount in đồng.
        Assert.Equal(["amount", "0", "1"], page.QuerySelectorAll("#form-preview [data-preview-field]").Select(f => f.GetAttribute("data-preview-field")));
        Assert.Equal(Incubator.Web.Features.Programmes.Admin.ProgrammeDraft.DefaultAmountVi + " *", page.QuerySelector("#form-preview [data-preview-field='amount'] label")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("fieldset[data-row='amount'] button[value='amount-up'][disabled]"));
        page = await PressAsync(staff, page, "button[value='field-up:0']");
        Assert.Equal(["field", "amount", "field"], Rows(page));
        page = await PressAsync(staff, page, "button[value='field-down:0']");
        Assert.Equal(["amount", "field", "field"], Rows(page));

        using (var saved = await SupportApplications.PressAsync(staff, page, $"{Builder} .actions button[value='publish']", new Dictionary<string, string[]>
        {
            ["key"] = [key],
            ["name.vi"] = ["Hỗ trợ thương mại hóa 2027"],
            ["name.en"] = ["Commercialisation support 2027"],
            ["legalBasis"] = ["Kế hoạch 62/KH-UBND"],
            ["supportType"] = ["innovative-startup"],
            ["budget"] = ["1.500.000.000"],
            ["maxPerApplication"] = ["300.000.000"],
            ["coFundingShare"] = ["30"],
            ["rounds[0].name.vi"] = ["Đợt 1 năm 2027"],
            ["rounds[0].opensAt"] = ["2027-03-01T08:00"],
            ["rounds[0].closesAt"] = ["2027-04-30T23:59:59"],
            ["form[0].label.vi"] = ["Tóm tắt dự án"],
            ["form[1].label.vi"] = ["Kế hoạch kinh doanh"],
            ["requestedAmount.label.vi"] = ["Kinh phí xin hỗ trợ"],
            ["requestedAmount.label.en"] = ["Support requested"],
            ["rubric.passMark"] = ["70"],
            ["rubric.criteria[0].label.vi"] = ["Tính khả thi"],
            ["rubric.criteria[0].maxPoints"] = ["100"],
        }))
        {
            var location = Forms.Location(saved);
            var id = location.Split('/')[^1];
            var edit = await Forms.GetAsync(staff, location);
            Assert.Equal(["amount", "field", "field"], Rows(edit));
            Assert.Equal("Kinh phí xin hỗ trợ", (edit.QuerySelector($"#{Incubator.Web.Features.Programmes.Admin.EditModel.Id("requestedAmount.label.vi")}") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);

            using var anyone = site.CreateClient();
            var form = (await Json.GetAsync(anyone, $"/api/programmes/{id}")).GetProperty("definition").GetProperty("form").EnumerateArray().ToList();
            Assert.Equal(["requestedAmount", "tomTatDuAn", "keHoachKinhDoanh"], form.Select(f => f.Text("key")));
            Assert.Equal(("money", true, "Support requested"), (form[0].Text("type"), form[0].GetProperty("required").GetBoolean(), form[0].GetProperty("label").Text("en")));

            // Applicants read the form in that order.
            var apply = await Forms.GetAsync(anyone, $"/programmes/{key}");
            Assert.Equal(["requestedAmount", "tomTatDuAn", "keHoachKinhDoanh"], apply.QuerySelectorAll("#form-fields li").Select(l => l.GetAttribute("data-key")));
        }
    }

    /// <summary>The builder's form rows in order: "field" or "amount".</summary>
    private static List<string> Rows(IDocument page) =>
        [.. page.QuerySelectorAll("#form-builder fieldset[data-row='field'], #form-builder fieldset[data-row='amount']").Select(r => r.GetAttribute("data-row") ?? string.Empty)];

    private static async Task<IDocument> PressAsync(HttpClient client, IDocument page, string button, Dictionary<string, string[]>? changes = null)
    {
        using var response = await SupportApplications.PressAsync(client, page, button, changes);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Forms.ParseAsync(response);
    }
}
