using System.Globalization;
using System.Net;
using System.Text;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Records;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Records;

public sealed class RecordPagesTests(Sites sites) : IClassFixture<Sites>
{
    /// <summary>
    /// One record of each kind as staff type it (with "{m}" standing for a marker that finds it again), the text each
    /// field is then stored as, and one field changed afterwards.
    /// </summary>
    private static readonly Sample[] Samples =
    [
        new("ip", "title",
            new() { ["objectKind"] = "trademark", ["title"] = "{m}", ["owner"] = "HTX Miến dong Nguyên Bình", ["product"] = "Miến dong", ["keyProduct"] = "true",
                    ["certificateNumber"] = "4-0412345-000", ["grantedOn"] = "2024-08-15", ["locality"] = "cao-bang.nguyen-binh", ["notes"] = "Nhãn hiệu tập thể đầu tiên" },
            new() { ["objectKind"] = "trademark", ["keyProduct"] = "true", ["grantedOn"] = "2024-08-15", ["locality"] = "cao-bang.nguyen-binh", ["product"] = "Miến dong" },
            "objectKind", "collective-mark"),
        new("transactions", "technology",
            new() { ["technology"] = "{m}", ["kind"] = "licence", ["seller"] = "Viện Dược liệu", ["buyer"] = "Công ty CP Dược Cao Bằng", ["value"] = "1.500.000.000",
                    ["date"] = "15/06/2024", ["registrationNumber"] = "", ["locality"] = "cao-bang" },
            new() { ["kind"] = "licence", ["value"] = "1500000000", ["date"] = "2024-06-15", ["registrationNumber"] = null, ["locality"] = "cao-bang" },
            "value", "2000000000"),
        new("intermediaries", "name",
            new() { ["name"] = "{m}", ["kind"] = "technology-exchange", ["joinedNetwork"] = "true", ["joinedOn"] = "2024-05-01", ["organisationId"] = "", ["locality"] = "" },
            new() { ["kind"] = "technology-exchange", ["joinedNetwork"] = "true", ["joinedOn"] = "2024-05-01", ["organisationId"] = null, ["locality"] = null },
            "kind", "transfer-centre"),
        new("contest", "title",
            new() { ["title"] = "{m}", ["authors"] = "Nông Văn A, Hoàng Thị B", ["field"] = "Nông nghiệp", ["round"] = "2025", ["result"] = "qualified-national",
                    ["appliedInProduction"] = "true", ["locality"] = "cao-bang.hoa-an" },
            new() { ["round"] = "2025", ["result"] = "qualified-national", ["appliedInProduction"] = "true", ["locality"] = "cao-bang.hoa-an" },
            "appliedInProduction", "false"),
    ];

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_create_edit_and_delete_a_record_of_each_kind_when_staff_use_the_forms(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        foreach (var sample in Samples)
        {
            var kind = RecordKinds.BySlug(sample.Kind)!;
            var marker = $"Bản ghi {sample.Kind} {Guid.NewGuid():N}";
            await RecordData.CreateAsync(staff, sample.Kind, Posted(sample, marker));

            var list = await Forms.GetAsync(staff, $"/admin/records/{sample.Kind}");
            Assert.Equal(Texts.Vi("The record was saved."), list.QuerySelector("main .success")?.TextContent.Trim());
            var link = list.QuerySelectorAll("table.records tbody tr td:first-child a").Single(a => a.TextContent.Trim() == marker);
            var id = long.Parse(link.GetAttribute("href")!.Split('/')[^1], CultureInfo.InvariantCulture);
            var stored = await site.QueryAsync(db => kind.FindAsync(db, id, default));
            Assert.NotNull(stored);
            Assert.Equal(marker, kind.Field(sample.MarkerField).Raw(stored));
            foreach (var (field, expected) in sample.Stored)
            {
                Assert.True(expected == kind.Field(field).Raw(stored), $"{sample.Kind}.{field} is stored as '{kind.Field(field).Raw(stored)}', not '{expected}'");
            }

            Assert.Matches("^[0-9a-f]{32}$", stored.Key);
            Assert.StartsWith("user-", stored.UpdatedBy, StringComparison.Ordinal);

            var edit = await Forms.GetAsync(staff, $"/admin/records/{sample.Kind}/{id}");
            Assert.Equal(stored.Key, edit.QuerySelector("#record-key")?.TextContent);
            using (var saved = await Forms.FillAndSubmitAsync(staff, edit, "form#record-form", Change(sample.EditField, sample.EditValue)))
            {
                Assert.Equal($"/admin/records/{sample.Kind}", Forms.Location(saved));
            }

            var changed = await site.QueryAsync(db => kind.FindAsync(db, id, default));
            Assert.Equal(sample.EditValue, kind.Field(sample.EditField).Raw(changed!));
            Assert.Equal(marker, kind.Field(sample.MarkerField).Raw(changed!));

            edit = await Forms.GetAsync(staff, $"/admin/records/{sample.Kind}/{id}");
            using (var deleted = await Forms.SubmitAsync(staff, edit, "form#delete-record", []))
            {
                Assert.Equal($"/admin/records/{sample.Kind}", Forms.Location(deleted));
            }

            Assert.Null(await site.QueryAsync(db => kind.FindAsync(db, id, default)));
            list = await Forms.GetAsync(staff, $"/admin/records/{sample.Kind}");
            Assert.Equal(Texts.Vi("The record was deleted."), list.QuerySelector("main .success")?.TextContent.Trim());
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_with_the_fields_message_and_save_nothing_when_input_is_invalid(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var transaction = Samples.Single(s => s.Kind == "transactions");
        var ip = Samples.Single(s => s.Kind == "ip");
        var marker = $"Sai {Guid.NewGuid():N}";

        var negative = await RefusedAsync(staff, transaction, marker, ("value", "-5000000"));
        var unknownLocality = await RefusedAsync(staff, transaction, marker, ("locality", "ha-noi.ba-dinh"));
        var missingOwner = await RefusedAsync(staff, ip, marker, ("owner", "   "));
        var badDate = await RefusedAsync(staff, ip, marker, ("grantedOn", "2024-02-30"));
        var twoWrong = await RefusedAsync(staff, ip, marker, ("grantedOn", "hôm qua"), ("objectKind", "secret-recipe"));

        Assert.Equal(Texts.Vi("The amount cannot be negative."), Assert.Single(negative).Value);
        Assert.Equal(("locality", Texts.Vi("'{0}' is not a locality of the site.", "ha-noi.ba-dinh")), Assert.Single(unknownLocality.Select(e => (e.Key, e.Value))));
        Assert.Equal(("owner", Texts.Vi("This field is required.")), Assert.Single(missingOwner.Select(e => (e.Key, e.Value))));
        Assert.Equal(("grantedOn", Texts.Vi("Enter a valid date as dd/MM/yyyy.")), Assert.Single(badDate.Select(e => (e.Key, e.Value))));
        Assert.Equal(["grantedOn", "objectKind"], twoWrong.Keys.Order(StringComparer.Ordinal));
        Assert.False(await site.QueryAsync(db => db.TechnologyTransactions.AnyAsync(t => t.Technology == marker)));
        Assert.False(await site.QueryAsync(db => db.IpRecords.AnyAsync(r => r.Title == marker)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_what_was_typed_and_change_nothing_when_an_edit_is_refused(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var key = $"t-{Guid.NewGuid():N}";
        await RecordData.RunAsync(site, $$"""
            "intermediaries": [ { "key": "{{key}}", "name": "Trung tâm Ứng dụng KH&CN", "kind": "transfer-centre", "joinedNetwork": false } ]
            """);
        var id = await site.QueryAsync(db => db.Intermediaries.Where(i => i.Key == key).Select(i => i.Id).SingleAsync());

        var page = await Forms.GetAsync(staff, $"/admin/records/intermediaries/{id}");
        using var response = await Forms.FillAndSubmitAsync(staff, page, "form#record-form", Change("name", "Tên mới", "joinedOn", "2024-05-01"));
        var errors = await RecordData.RefusedAsync(response);

        Assert.Equal(("joinedOn", Texts.Vi("Give this date only when the organisation has joined the network.")), Assert.Single(errors.Select(e => (e.Key, e.Value))));
        var refused = await Forms.ParseAsync(response);
        Assert.Equal("Tên mới", refused.QuerySelector("#r-name")?.GetAttribute("value"));
        var stored = await site.QueryAsync(db => db.Intermediaries.SingleAsync(i => i.Id == id));
        Assert.Equal(("Trung tâm Ứng dụng KH&CN", (DateOnly?)null, "recipe"), (stored.Name, stored.JoinedOn, stored.UpdatedBy));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_let_a_leader_read_but_not_change_records(DatabaseProvider provider)
    {
        var site = sites[provider];
        var key = $"l-{Guid.NewGuid():N}";
        await RecordData.RunAsync(site, $$"""
            "contestEntries": [ { "key": "{{key}}", "title": "Máy tách hạt ngô", "authors": "Lục Văn C", "round": "2024", "result": "first", "appliedInProduction": true } ]
            """);
        var id = await site.QueryAsync(db => db.ContestEntries.Where(c => c.Key == key).Select(c => c.Id).SingleAsync());
        using var leader = await site.CreateBrowserUserAsync("Leader");

        var index = await Forms.GetAsync(leader, "/admin/records");
        var list = await Forms.GetAsync(leader, "/admin/records/contest");
        var record = await Forms.GetAsync(leader, $"/admin/records/contest/{id}");
        using var newPage = await leader.GetAsync(new Uri("/admin/records/contest/new", UriKind.Relative));
        using var export = await leader.GetAsync(new Uri("/admin/records/contest/export.csv", UriKind.Relative));

        Assert.NotNull(index.QuerySelector("nav.side a[href='/admin/records']"));
        Assert.Empty(index.QuerySelectorAll("a[href$='/new']"));
        Assert.Null(list.QuerySelector("#new-record"));
        Assert.Null(record.QuerySelector("form#record-form"));
        Assert.Null(record.QuerySelector("form#delete-record"));
        Assert.Equal(Texts.Vi("First prize"), record.QuerySelector("dd[data-field='result']")?.TextContent.Trim());
        Assert.Equal(Texts.Vi("Yes"), record.QuerySelector("dd[data-field='appliedInProduction']")?.TextContent.Trim());
        Assert.StartsWith("/account/denied", Forms.Location(newPage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);

        // A valid token of the leader's own (the layout's sign-out form), posted to the edit and delete handlers.
        var token = record.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No token.");
        using var save = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("title", "Đã sửa"), new("authors", "X"), new("round", "2024"), new("result", "none")]);
        using var saved = await leader.PostAsync(new Uri($"/admin/records/contest/{id}", UriKind.Relative), save);
        using var delete = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        using var deleted = await leader.PostAsync(new Uri($"/admin/records/contest/{id}?handler=Delete", UriKind.Relative), delete);
        using var create = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("title", "Mới"), new("authors", "X"), new("round", "2024"), new("result", "none")]);
        using var created = await leader.PostAsync(new Uri("/admin/records/contest/new", UriKind.Relative), create);

        Assert.All([saved, deleted, created], r => Assert.StartsWith("/account/denied", Forms.Location(r), StringComparison.Ordinal));
        var stored = await site.QueryAsync(db => db.ContestEntries.SingleAsync(c => c.Id == id));
        Assert.Equal(("Máy tách hạt ngô", ContestResult.First), (stored.Title, stored.Result));
        Assert.False(await site.QueryAsync(db => db.ContestEntries.AnyAsync(c => c.Title == "Mới")));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_applicants_and_anonymous_visitors_out_of_the_records(DatabaseProvider provider)
    {
        var site = sites[provider];
        string[] urls = ["/admin/records", "/admin/records/ip", "/admin/records/transactions/new", "/admin/records/contest/1", "/admin/records/intermediaries/export.csv"];
        using var visitor = site.CreateBrowserClient();
        using var applicant = await site.CreateBrowserUserAsync("Applicant");

        foreach (var url in urls)
        {
            using var anonymous = await visitor.GetAsync(new Uri(url, UriKind.Relative));
            using var denied = await applicant.GetAsync(new Uri(url, UriKind.Relative));

            Assert.True(anonymous.StatusCode == HttpStatusCode.Redirect, $"{url}: {(int)anonymous.StatusCode} {await anonymous.Content.ReadAsStringAsync()}");
            Assert.StartsWith("/account/login?ReturnUrl=", Forms.Location(anonymous), StringComparison.Ordinal);
            Assert.StartsWith("/account/denied", Forms.Location(denied), StringComparison.Ordinal);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_filter_by_province_with_its_communes_year_and_kind_and_page_newest_first(DatabaseProvider provider)
    {
        var site = sites[provider];
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var items = new List<string>();
        for (var i = 0; i < 52; i++)
        {
            items.Add(Transaction($"{prefix}-{i}", new DateOnly(1991, 1, 1).AddDays(i * 5), "licence", "cao-bang.hoa-an"));
        }

        items.Add(Transaction($"{prefix}-province", new DateOnly(1991, 12, 31), "transfer", "cao-bang"));
        items.Add(Transaction($"{prefix}-elsewhere", new DateOnly(1991, 7, 1), "licence", "thai-nguyen.quyet-thang"));
        items.Add(Transaction($"{prefix}-next-year", new DateOnly(1992, 1, 1), "licence", "cao-bang.hoa-an"));
        await RecordData.RunAsync(site, $"\"technologyTransactions\": [ {string.Join(",\n", items)} ]");
        using var staff = await site.CreateBrowserUserAsync("Staff");

        var first = await Forms.GetAsync(staff, "/admin/records/transactions?year=1991&locality=cao-bang&choice=licence");
        var next = first.QuerySelector("a[rel=next]")?.GetAttribute("href") ?? throw new InvalidOperationException("No next page.");
        var second = await Forms.GetAsync(staff, next);

        Assert.Equal(Texts.Vi("{0} records", 52), first.QuerySelector("#total")?.TextContent.Trim());
        var dates = first.QuerySelectorAll("table.records tbody tr").Concat(second.QuerySelectorAll("table.records tbody tr"))
            .Select(r => DateOnly.ParseExact(r.QuerySelector("td[data-field='date']")!.TextContent.Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(52, dates.Count);
        Assert.Equal(50, first.QuerySelectorAll("table.records tbody tr").Length);
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.Equal(52, dates.Distinct().Count());
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.Contains("choice=licence", next, StringComparison.Ordinal);

        await AssertTotalAsync(staff, "year=1991&locality=cao-bang", 53);
        await AssertTotalAsync(staff, "year=1991", 54);
        await AssertTotalAsync(staff, "year=1991&locality=thai-nguyen", 1);
        await AssertTotalAsync(staff, "year=1991&choice=transfer", 1);
        await AssertTotalAsync(staff, "year=1992&locality=cao-bang.hoa-an", 1);
        var none = await Forms.GetAsync(staff, "/admin/records/transactions?year=1991&locality=cao-bang.hoa-an&choice=transfer");
        Assert.Null(none.QuerySelector("table.records"));
        Assert.Contains(Texts.Vi("No record matches."), none.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_export_the_filtered_records_as_csv_with_a_byte_order_mark_and_formulas_defused(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        const string formula = "=HYPERLINK(\"http://evil.example\",\"Bấm\")";
        await RecordData.CreateAsync(staff, "transactions", new()
        {
            ["technology"] = [formula], ["kind"] = ["ip-sale"], ["seller"] = ["Viện Công nghệ sinh học"], ["buyer"] = ["+84 Công ty"],
            ["value"] = ["2.000.000"], ["date"] = ["1993-04-05"], ["locality"] = ["cao-bang.hoa-an"],
        });

        using var response = await staff.GetAsync(new Uri("/admin/records/transactions/export.csv?year=1993", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        Assert.StartsWith($"{Texts.Vi("Key")},{Texts.Vi("Technology")},{Texts.Vi("Kind of transaction")},", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Bấm\"\")\",", row, StringComparison.Ordinal);
        Assert.Contains($",{Texts.Vi("Sale of an IP right")},", row, StringComparison.Ordinal);
        Assert.Contains(",'+84 Công ty,2000000,05/04/1993,,", row, StringComparison.Ordinal);
        Assert.Contains(",cao-bang.hoa-an,", row, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_hostile_text_as_text_when_a_record_holds_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        var key = $"x-{Guid.NewGuid():N}";
        var payload = Html.ScriptPayload.Replace("\"", "\\\"", StringComparison.Ordinal);
        await RecordData.RunAsync(site, $$"""
            "contestEntries": [ { "key": "{{key}}", "title": "{{payload}}", "authors": "{{payload}}", "round": "1994", "result": "none" } ]
            """);
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var id = await site.QueryAsync(db => db.ContestEntries.Where(c => c.Key == key).Select(c => c.Id).SingleAsync());

        await Html.AssertShowsPayloadAsTextAsync(staff, "/admin/records/contest?year=1994", atLeast: 2);
        await Html.AssertShowsPayloadAsTextAsync(staff, $"/admin/records/contest/{id}", atLeast: 2);
    }

    [Fact]
    public void Should_have_a_vietnamese_text_when_a_kind_field_or_choice_is_labelled()
    {
        var missing = RecordData.Labels().Where(l => !TryVi(l)).ToList();
        Assert.True(missing.Count == 0, "No Vietnamese translation for: " + string.Join(", ", missing));
    }

    private static bool TryVi(string key)
    {
        try
        {
            _ = Texts.Vi(key);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task AssertTotalAsync(HttpClient staff, string query, int expected)
    {
        var page = await Forms.GetAsync(staff, $"/admin/records/transactions?{query}");
        Assert.True(Texts.Vi("{0} records", expected) == page.QuerySelector("#total")?.TextContent.Trim(), $"?{query} lists {page.QuerySelector("#total")?.TextContent.Trim()}, expected {expected}");
        Assert.Equal(Math.Min(expected, 50), page.QuerySelectorAll("table.records tbody tr").Length);
    }

    private static string Transaction(string key, DateOnly date, string kind, string locality) => $$"""
        { "key": "{{key}}", "technology": "Công nghệ {{key}}", "kind": "{{kind}}", "seller": "Bên A", "buyer": "Bên B", "value": 1000000,
          "date": "{{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}}", "locality": "{{locality}}" }
        """;

    private static async Task<Dictionary<string, string>> RefusedAsync(HttpClient staff, Sample sample, string marker, params (string Field, string Value)[] wrong)
    {
        var fields = Posted(sample, marker);
        foreach (var (field, value) in wrong)
        {
            fields[field] = [value];
        }

        using var response = await RecordData.PostNewAsync(staff, sample.Kind, fields);
        return await RecordData.RefusedAsync(response);
    }

    private static Dictionary<string, string[]> Posted(Sample sample, string marker) =>
        sample.Posted.Where(kv => kv.Key != "keyProduct" && kv.Key != "joinedNetwork" && kv.Key != "appliedInProduction" || kv.Value == "true")
            .ToDictionary(kv => kv.Key, kv => new[] { kv.Value.Replace("{m}", marker, StringComparison.Ordinal) }, StringComparer.Ordinal);

    /// <summary>Field changes for a form; a checkbox set to "false" is sent as a browser sends an unticked box: not at all.</summary>
    private static Dictionary<string, string[]> Change(params string[] pairs)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < pairs.Length; i += 2)
        {
            result[pairs[i]] = pairs[i + 1] == "false" ? [] : [pairs[i + 1]];
        }

        return result;
    }

    private sealed record Sample(string Kind, string MarkerField, Dictionary<string, string> Posted, Dictionary<string, string?> Stored, string EditField, string EditValue);
}
