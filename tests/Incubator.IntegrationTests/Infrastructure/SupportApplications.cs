using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>Programmes created through the staff API, and applications driven through the API and the applicant's pages.</summary>
public static class SupportApplications
{
    public const string LegalBasis = "Kế hoạch 62/KH-UBND";
    public const long MaxPerApplication = 300_000_000;

    /// <summary>A minimal document the attachment store recognises as a PDF by its content.</summary>
    public static byte[] Pdf => "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    /// <summary>
    /// A published programme (<see cref="ProgrammeData.Definition"/>) for startups unless <paramref name="kinds"/> says
    /// otherwise, whose one round is open now unless told otherwise, with a form that has a field of every type.
    /// </summary>
    public static async Task<(string Id, string Key, string Name)> CreateProgrammeAsync(SiteFactory site, DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null, string[]? kinds = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        using var staff = await site.CreateUserAsync("Staff");
        return await CreateProgrammeAsync(staff, opensAt, closesAt, kinds);
    }

    /// <summary>The same programme, created by <paramref name="staff"/> (a bearer client of staff or an administrator) on any site, a process's too.</summary>
    public static async Task<(string Id, string Key, string Name)> CreateProgrammeAsync(HttpClient staff, DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null, string[]? kinds = null)
    {
        var key = "cb-startup-" + Guid.NewGuid().ToString("N")[..12];
        var definition = ProgrammeData.Definition(key, opensAt, closesAt);
        definition["legalBasis"] = LegalBasis;
        definition["eligibleKinds"] = new JsonArray([.. (kinds ?? ["startup"]).Select(k => JsonValue.Create(k))]);
        definition["form"] = JsonSerializer.SerializeToNode(new object[]
        {
            new { key = "summary", type = "longtext", label = new { vi = "Tóm tắt dự án", en = "Project summary" }, required = true },
            new { key = "teamSize", type = "number", label = new { vi = "Số thành viên", en = "Team size" }, required = true },
            new { key = "ownFunds", type = "money", label = new { vi = "Vốn đối ứng", en = "Own funds" } },
            new { key = "startDate", type = "date", label = new { vi = "Ngày bắt đầu", en = "Start date" } },
            new
            {
                key = "stage", type = "choice", label = new { vi = "Giai đoạn", en = "Stage" },
                options = new[] { new { value = "idea", label = new { vi = "Ý tưởng", en = "Idea" } }, new { value = "mvp", label = new { vi = "Sản phẩm mẫu", en = "MVP" } } },
            },
            new
            {
                key = "markets", type = "multichoice", label = new { vi = "Thị trường", en = "Markets" },
                options = new[] { new { value = "domestic", label = new { vi = "Trong nước", en = "Domestic" } }, new { value = "export", label = new { vi = "Xuất khẩu", en = "Export" } } },
            },
            new { key = "plan", type = "file", label = new { vi = "Kế hoạch kinh doanh", en = "Business plan" }, required = true },
        });
        var id = await ProgrammeData.CreateProgrammeAsync(staff, definition);
        return (id, key, definition["name"]!["vi"]!.GetValue<string>());
    }

    /// <summary>A draft application of a new startup of the applicant, through the API.</summary>
    public static async Task<string> CreateApplicationAsync(HttpClient api, string programmeId, string? organisationId = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        organisationId ??= await Organisations.OrganisationApiTests.CreateAsync(api, "startup", $"Nông sản sạch {Guid.NewGuid():N}");
        using var response = await api.PostAsJsonAsync("/api/applications", new { programmeId, organisationId });
        return (await Json.ReadAsync(response, HttpStatusCode.Created)).Text("id");
    }

    /// <summary>Fills in every required field through the API, the file included, and submits.</summary>
    public static async Task SubmitCompleteAsync(HttpClient api, string id)
    {
        await FillCompleteAsync(api, id);
        using var submitted = await api.PostAsync(new Uri($"/api/applications/{id}/submit", UriKind.Relative), null);
        Assert.Equal("submitted", (await Json.ReadAsync(submitted)).Text("status"));
    }

    /// <summary>Fills in every required field through the API, the file included.</summary>
    public static async Task FillCompleteAsync(HttpClient api, string id)
    {
        ArgumentNullException.ThrowIfNull(api);
        using (var saved = await api.PutAsJsonAsync($"/api/applications/{id}", new { answers = new { summary = "Chè Shan tuyết hữu cơ", teamSize = 7 }, requestedAmount = 250_000_000 }))
        {
            await Json.ReadAsync(saved);
        }

        using (var uploaded = await UploadAsync(api, $"/api/applications/{id}/attachments", [new("fieldKey", "plan")], "file", "Kế hoạch.pdf", Pdf))
        {
            await Json.ReadAsync(uploaded, HttpStatusCode.Created);
        }
    }

    /// <summary>A multipart post: the text fields, then one file.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string fileField, string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, fileField, fileName);
        return await client.PostAsync(new Uri(url, UriKind.Relative), form);
    }

    /// <summary>
    /// Presses a submit button as a browser does: its form's current values (with <paramref name="changes"/>), the
    /// button's own name and value, to the button's formaction or else the form's action; multipart with the file.
    /// </summary>
    public static async Task<HttpResponseMessage> PressAsync(
        HttpClient client, IDocument page, string buttonSelector, IReadOnlyDictionary<string, string[]>? changes = null, (string Field, string Name, byte[] Content)? file = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(page);
        var button = page.QuerySelector(buttonSelector) as IHtmlButtonElement ?? throw new InvalidOperationException($"No button matches {buttonSelector}.");
        // A form="..." attribute names the button's form wherever it stands (AngleSharp takes the enclosing one).
        var form = (button.GetAttribute("form") is { Length: > 0 } owner ? page.GetElementById(owner) as IHtmlFormElement : button.Form)
            ?? throw new InvalidOperationException($"{buttonSelector} belongs to no form.");
        changes ??= new Dictionary<string, string[]>();
        var fields = Forms.CurrentValues(form).Where(f => !changes.ContainsKey(f.Key)).ToList();
        fields.AddRange(changes.SelectMany(c => c.Value.Select(v => new KeyValuePair<string, string>(c.Key, v))));
        if (!string.IsNullOrEmpty(button.Name))
        {
            fields.Add(new(button.Name, button.Value));
        }

        var action = button.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction : form.GetAttribute("action") is { Length: > 0 } formsAction ? formsAction : page.Url;
        var target = new Uri(new Uri(new Uri(page.Url), action).PathAndQuery, UriKind.Relative);
        if (file is not { } upload)
        {
            using var content = new FormUrlEncodedContent(fields);
            return await client.PostAsync(target, content);
        }

        using var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            multipart.Add(new StringContent(value), name);
        }

        var part = new ByteArrayContent(upload.Content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        multipart.Add(part, upload.Field, upload.Name);
        return await client.PostAsync(target, multipart);
    }

    /// <summary>The value of the input <paramref name="selector"/> names, as the page shows it.</summary>
    public static string? Value(IDocument page, string selector) => (page.QuerySelector(selector) as IHtmlInputElement)?.Value;
}
