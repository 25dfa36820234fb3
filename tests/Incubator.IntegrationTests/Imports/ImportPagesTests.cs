using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Incubator.IntegrationTests.Imports;

/// <summary>/admin/import as staff use it: upload, preview with per-row errors, import all or nothing, and who may use it.</summary>
public sealed class ImportPagesTests(Sites sites) : IClassFixture<Sites>
{
    private const string Url = "/admin/import";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_import_every_row_with_its_links_and_consents_when_good_csv_files_are_confirmed(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync("Staff");
        using var staff = await site.CreateSignedInBrowserAsync(email, password);
        var staffId = await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var tag = Guid.NewGuid().ToString("N")[..8];
        var filesBefore = StoredFiles(site);
        var taxCode = "01" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Organisations: English headers, commas, no byte-order mark; kinds, sectors and a locality by their Vietnamese names.
        var organisations = await PreviewAsync(staff, "Organisations", "orgs.csv", Encoding.UTF8.GetBytes(
            "Kind,Name,Summary,Sectors,Locality,Tax code,Website\r\n" +
            $"khởi nghiệp,Nông sản {tag},Sấy khô nông sản,Nông nghiệp công nghệ cao;biotech,Cao Bằng,{taxCode},https://example.vn\r\n" +
            $"Trường đại học,Đại học {tag},Đào tạo,,cao-bang,,\r\n"));
        Assert.True(organisations.QuerySelector("#import-row-errors") is null, organisations.QuerySelector("#import-row-errors")?.TextContent);
        Assert.Equal(("2", "0"), (organisations.QuerySelector("#import-preview")?.GetAttribute("data-good"), organisations.QuerySelector("#import-preview")?.GetAttribute("data-bad")));
        using (var imported = await Forms.SubmitAsync(staff, organisations, "#import-confirm", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        }

        var startup = await site.QueryAsync(db => db.Set<Startup>().AsNoTracking().SingleAsync(s => s.TaxCode == taxCode && s.Latest));
        Assert.True(startup.Published);
        Assert.Null(startup.OwnerId);
        Assert.Equal(["agri-hitech", "biotech"], startup.Sectors);
        Assert.Equal("cao-bang", startup.Locality);
        var university = await site.QueryAsync(db => db.Set<Organisation>().AsNoTracking().SingleAsync(s => s.Title == $"Đại học {tag}" && s.Latest));
        Assert.Equal((OrganisationKind.University, true), (university.Kind, university.Published));

        // People: Vietnamese headers, semicolons and a byte-order mark; the organisation by its tax code.
        var people = await PreviewAsync(staff, "People", "people.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(
            "Họ và tên;Email;Điện thoại;Giới tính;Năm sinh;Địa bàn;Nhãn;Tổ chức;Vai trò;Đồng ý nhận bản tin\r\n" +
            $"Nguyễn Thị An {tag};an.{tag}@example.vn;+84 912 300 001;nữ;1990;Cao Bằng;\"nông nghiệp; chế biến\";{taxCode};Nhà sáng lập;có\r\n" +
            $"Trần Văn Bình {tag};binh.{tag}@example.vn;;Nam;;;;Đại học {tag};;không\r\n")]);
        Assert.Equal("2", people.QuerySelector("#import-preview")?.GetAttribute("data-good"));
        Assert.NotNull(people.QuerySelector("#basis"));

        // A consent without its stated basis is refused beside the field, and nothing is imported.
        var refused = await Forms.ParseAsync(await Forms.SubmitAsync(staff, people, "#import-confirm", []));
        Assert.Contains(Texts.Vi("Some rows give consent to the newsletter: state the legal basis of those consents (e.g. the event's sign-up sheet)."), refused.QuerySelector("#import-confirm .field-error")?.TextContent, StringComparison.Ordinal);
        Assert.False(await site.QueryAsync(db => db.Set<Person>().AnyAsync(p => p.FullName.EndsWith(tag))));

        using (var imported = await Forms.SubmitAsync(staff, refused, "#import-confirm", [new("Basis", "Phiếu đăng ký tham gia sự kiện 12/10/2026")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
            var done = await Forms.GetAsync(staff, Forms.Location(imported));
            Assert.Equal(Texts.Vi("{0} people were imported.", 2), done.QuerySelector("#import-done")?.TextContent);
        }

        var an = await site.QueryAsync(db => db.Set<Person>().AsNoTracking().Include(p => p.Contacts).Include(p => p.Links).SingleAsync(p => p.FullName == $"Nguyễn Thị An {tag}"));
        Assert.Equal((PersonGender.Female, 1990, "cao-bang"), (an.Gender, an.BirthYear, an.Locality));
        Assert.Equal(["nông nghiệp", "chế biến"], an.Tags);
        Assert.Equal([$"an.{tag}@example.vn", "0912300001"], an.Contacts.OrderBy(c => c.Kind).Select(c => c.Normalized));
        Assert.Equal((startup.ContentItemId, PersonRole.Founder), (an.Links.Single().OrganisationId, an.Links.Single().Role));
        var consent = await site.QueryAsync(db => db.Set<PersonConsent>().AsNoTracking().SingleAsync(c => c.PersonId == an.Id));
        Assert.Equal((true, ConsentSource.Import, "Phiếu đăng ký tham gia sự kiện 12/10/2026", staffId), (consent.Given, consent.Source, consent.Basis, consent.ByUserId));
        var binh = await site.QueryAsync(db => db.Set<Person>().AsNoTracking().Include(p => p.Links).SingleAsync(p => p.FullName == $"Trần Văn Bình {tag}"));
        Assert.Equal((PersonGender.Male, university.ContentItemId, PersonRole.ContactPerson), (binh.Gender, binh.Links.Single().OrganisationId, binh.Links.Single().Role));
        Assert.False(await site.QueryAsync(db => db.Set<PersonConsent>().AnyAsync(c => c.PersonId == binh.Id)));
        Assert.Equal(filesBefore, StoredFiles(site));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_import_twenty_people_when_an_xlsx_is_confirmed(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var rows = Enumerable.Range(1, 20).Select(i => new Dictionary<string, object?>
        {
            ["Full name"] = $"Người {i} {tag}",
            ["E-mail"] = $"p{i}.{tag}@example.vn",
            // A phone the spreadsheet keeps as a number, having lost its leading 0.
            ["Phone"] = 912_000_000L + (i * 1000) + Random.Shared.Next(0, 999),
            ["Gender"] = i % 2 == 0 ? "female" : "male",
            ["Year of birth"] = 1980 + i,
        }).ToList();
        using var file = new MemoryStream();
        await MiniExcel.SaveAsAsync(file, rows);

        var preview = await PreviewAsync(staff, "People", "people.xlsx", file.ToArray());
        Assert.Equal(("20", "0"), (preview.QuerySelector("#import-preview")?.GetAttribute("data-good"), preview.QuerySelector("#import-preview")?.GetAttribute("data-bad")));
        Assert.Null(preview.QuerySelector("#basis"));
        using var imported = await Forms.SubmitAsync(staff, preview, "#import-confirm", []);

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var people = await site.QueryAsync(db => db.Set<Person>().AsNoTracking().Include(p => p.Contacts).Where(p => p.FullName.EndsWith(" " + tag)).ToListAsync());
        Assert.Equal(20, people.Count);
        Assert.All(people, p => Assert.StartsWith("0912", p.Contacts.Single(c => c.Kind == PersonContactKind.Phone).Normalized, StringComparison.Ordinal));
        Assert.Equal(PersonGender.Female, people.Single(p => p.FullName == $"Người 2 {tag}").Gender);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_import_nothing_and_name_the_row_and_field_when_one_row_is_bad_or_a_duplicate(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var first = await PreviewAsync(staff, "People", "first.csv", Encoding.UTF8.GetBytes($"Full name,E-mail\r\nCó Sẵn {tag},dup.{tag}@example.vn\r\n"));
        using (var imported = await Forms.SubmitAsync(staff, first, "#import-confirm", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        }

        var existingId = await site.QueryAsync(db => db.Set<Person>().Where(p => p.FullName == $"Có Sẵn {tag}").Select(p => p.Id).SingleAsync());

        // Row 3 has a broken e-mail, row 4 an e-mail already held (in other letters' case), row 5 the phone of row 2.
        var bad = await PreviewAsync(staff, "People", "bad.csv", Encoding.UTF8.GetBytes(
            "Họ tên,Email,SĐT\r\n" +
            $"Một {tag},mot.{tag}@example.vn,0987 654 321\r\n" +
            $"Hai {tag},hai-at-example.vn,\r\n" +
            $"Ba {tag},DUP.{tag}@Example.vn,\r\n" +
            $"Bốn {tag},,+84987654321\r\n"));

        Assert.Equal(("1", "3"), (bad.QuerySelector("#import-preview")?.GetAttribute("data-good"), bad.QuerySelector("#import-preview")?.GetAttribute("data-bad")));
        Assert.Null(bad.QuerySelector("#import-confirm"));
        Assert.Equal(Texts.Vi("Row {0}: {1}", 3, Texts.Vi("E-mail \"{0}\" is not valid.", "hai-at-example.vn")), bad.QuerySelector("li[data-row='3'][data-field='Emails']")?.TextContent.Trim());
        var duplicate = bad.QuerySelector("li[data-row='4'][data-field='Emails']");
        Assert.Contains(Texts.Vi("{0} is already in the system.", $"DUP.{tag}@Example.vn"), duplicate?.TextContent, StringComparison.Ordinal);
        Assert.Equal("/admin/people/" + existingId, duplicate?.QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains(Texts.Vi("{0} is already in row {1} of this file.", "+84987654321", 2), bad.QuerySelector("li[data-row='5'][data-field='Phones']")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(bad.QuerySelector("tr[data-row='3'] td[data-field='Emails'].refused"));

        // A file whose preview was good is still refused whole when, before it is confirmed, another import takes its e-mail.
        var late = await PreviewAsync(staff, "People", "late.csv", Encoding.UTF8.GetBytes($"Full name,E-mail\r\nMuộn {tag},late.{tag}@example.vn\r\nKhác {tag},other.{tag}@example.vn\r\n"));
        var meanwhile = await PreviewAsync(staff, "People", "meanwhile.csv", Encoding.UTF8.GetBytes($"Full name,E-mail\r\nTrước {tag},late.{tag}@example.vn\r\n"));
        using (var imported = await Forms.SubmitAsync(staff, meanwhile, "#import-confirm", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        }

        var refused = await Forms.ParseAsync(await Forms.SubmitAsync(staff, late, "#import-confirm", []));
        Assert.Equal(Texts.Vi("Nothing was imported: the rows below have errors."), refused.QuerySelector("#import-error")?.TextContent);
        Assert.NotNull(refused.QuerySelector("li[data-row='2'][data-field='Emails']"));
        var names = await site.QueryAsync(db => db.Set<Person>().Where(p => p.FullName.EndsWith(" " + tag)).Select(p => p.FullName).ToListAsync());
        Assert.Equal([$"Có Sẵn {tag}", $"Trước {tag}"], names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_the_file_with_a_message_when_it_is_too_large_too_long_of_the_wrong_type_or_broken(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var header = "Full name,E-mail\r\n"u8.ToArray();
        var filesBefore = StoredFiles(site);

        var tooLarge = await PreviewAsync(staff, "People", "large.csv", [.. header, .. Enumerable.Repeat((byte)'a', (5 * 1024 * 1024) + 1)]);
        var tooLong = await PreviewAsync(staff, "People", "long.csv", Encoding.UTF8.GetBytes("Full name\r\n" + string.Concat(Enumerable.Range(1, 5001).Select(i => $"Người {i}\r\n"))));
        var wrongType = await PreviewAsync(staff, "People", "people.txt", header);
        var broken = await PreviewAsync(staff, "People", "people.xlsx", [.. "PK\u0003\u0004"u8.ToArray(), .. Enumerable.Repeat((byte)7, 300)]);
        var notUtf8 = await PreviewAsync(staff, "People", "people.csv", [.. header, 0xC0, 0x41, (byte)',', (byte)'x']);
        var noName = await PreviewAsync(staff, "Organisations", "orgs.csv", Encoding.UTF8.GetBytes("Loại,Tóm tắt\r\nstartup,x\r\n"));

        Assert.Equal(Texts.Vi("The file is larger than {0} MB; split it into smaller files.", 5), tooLarge.QuerySelector("#upload-error")?.TextContent);
        Assert.Equal(Texts.Vi("The file has more than {0} rows; split it into smaller files.", 5000), tooLong.QuerySelector("#upload-error")?.TextContent);
        Assert.Equal(Texts.Vi("Only .csv and .xlsx files can be imported; save the sheet as one of those."), wrongType.QuerySelector("#upload-error")?.TextContent);
        Assert.Equal(Texts.Vi("The file cannot be read; check that it is a .csv or .xlsx file and not damaged."), broken.QuerySelector("#upload-error")?.TextContent);
        Assert.Equal(Texts.Vi("The file is not UTF-8 text; save the CSV as \"CSV UTF-8\"."), notUtf8.QuerySelector("#upload-error")?.TextContent);
        Assert.Equal("true", tooLarge.QuerySelector("#upload")?.GetAttribute("aria-invalid"));
        Assert.Contains(Texts.Vi("The file has no column \"{0}\" (its header may be \"{1}\").", Texts.Vi("Name"), "Tên"), noName.QuerySelector("#import-file-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Null(noName.QuerySelector("#import-confirm"));

        // Refused files are not kept; the preview that could not be imported waits for the sweep like any abandoned one.
        Assert.Equal(filesBefore + 1, StoredFiles(site));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_applicants_and_leaders_and_give_staff_the_templates_when_they_open_the_import(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateBrowserUserAsync("Applicant");
        using var leader = await site.CreateBrowserUserAsync("Leader");
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var staffPage = await Forms.GetAsync(staff, Url);
        var filesBefore = StoredFiles(site);
        var token = staffPage.QuerySelector<IHtmlInputElement>("#import-upload input[name='__RequestVerificationToken']")!.Value;

        using var applicantPage = await applicant.GetAsync(new Uri(Url, UriKind.Relative));
        using var leaderPage = await leader.GetAsync(new Uri(Url, UriKind.Relative));
        using var content = Upload(token, "People", "people.csv", "Full name\r\nX\r\n"u8.ToArray());
        using var applicantPost = await applicant.PostAsync(new Uri(Url + "/Preview", UriKind.Relative), content);
        using var template = await staff.GetAsync(new Uri(staffPage.QuerySelector("#template-people")!.GetAttribute("href")!, UriKind.Relative));

        Assert.StartsWith("/account/denied", Forms.Location(applicantPage), StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", Forms.Location(leaderPage), StringComparison.Ordinal);
        Assert.True(applicantPost.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest || Forms.Location(applicantPost).StartsWith("/account/denied", StringComparison.Ordinal), $"{applicantPost.StatusCode}");
        Assert.Equal(filesBefore, StoredFiles(site));
        Assert.NotNull(staffPage.QuerySelector($"a[href='{Url}']"));
        Assert.Equal("text/csv", template.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Họ và tên,Chức danh,Email,Điện thoại,Giới tính,Năm sinh", Encoding.UTF8.GetString(await template.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    private static int StoredFiles(SiteFactory site) =>
        System.IO.Directory.Exists(site.ImportsFolder) ? System.IO.Directory.EnumerateFiles(site.ImportsFolder).Count() : 0;

    /// <summary>Uploads a file from the page's form and returns the preview page.</summary>
    private static async Task<IDocument> PreviewAsync(HttpClient staff, string kind, string fileName, byte[] bytes)
    {
        var page = await Forms.GetAsync(staff, Url);
        var form = (IHtmlFormElement)page.QuerySelector("#import-upload")!;
        var token = form.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        using var content = Upload(token, kind, fileName, bytes);
        using var response = await staff.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Forms.ParseAsync(response);
    }

    private static MultipartFormDataContent Upload(string token, string kind, string fileName, byte[] bytes)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "upload", fileName);
        return content;
    }
}
