using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Incubator.IntegrationTests.Events;

/// <summary>Creates events over the staff API for the events' tests: a published training in a week unless told otherwise.</summary>
internal static class EventArrange
{
    /// <summary>A slug no other test uses.</summary>
    public static string Slug(string prefix = "su-kien") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 80)];

    /// <summary>
    /// Posts an event (the fields given in <paramref name="overrides"/> replace the defaults) and returns its JSON; fails
    /// the test when the API refuses it.
    /// </summary>
    public static async Task<JsonElement> CreateAsync(HttpClient staff, string? slug = null, int? capacity = 30, Dictionary<string, object?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var starts = DateTime.UtcNow.AddDays(7);
        var body = new Dictionary<string, object?>
        {
            ["slug"] = slug ?? Slug(),
            ["title"] = new { vi = "Tập huấn khởi nghiệp đổi mới sáng tạo", en = "Innovative startup training" },
            ["kind"] = "training",
            ["description"] = "Hai buổi tập huấn về **gọi vốn**.",
            ["startsAt"] = starts.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["endsAt"] = starts.AddHours(3).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["place"] = "Hội trường Sở Khoa học và Công nghệ",
            ["capacity"] = capacity,
            ["published"] = true,
        };
        foreach (var (key, value) in overrides ?? [])
        {
            body[key] = value;
        }

        using var response = await staff.PostAsJsonAsync("/api/events", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
