using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using static Incubator.IntegrationTests.Infrastructure.SupportApplications;

namespace Incubator.IntegrationTests.Applications;

/// <summary>Removing attachments over the API, and the closed field's answer, which the application page shares.</summary>
public sealed class AttachmentApiTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_remove_a_file_while_its_field_is_open_and_refuse_with_409_once_it_is_closed(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        var (api, _, _) = await site.CreateApplicantAsync();
        using var applicant = api;
        var (stranger, _, _) = await site.CreateApplicantAsync();
        using var other = stranger;
        var id = await CreateApplicationAsync(applicant, programmeId);
        var spare = await UploadPlanAsync(applicant, id, "Bản nháp.pdf");

        using (var intruder = await other.DeleteAsync(new Uri($"/api/applications/{id}/attachments/{spare}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, intruder.StatusCode);
        }

        using (var removed = await applicant.DeleteAsync(new Uri($"/api/applications/{id}/attachments/{spare}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using (var again = await applicant.DeleteAsync(new Uri($"/api/applications/{id}/attachments/{spare}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        await SubmitCompleteAsync(applicant, id);
        var kept = await site.QueryAsync(db => db.ApplicationAttachments.Where(a => a.ApplicationId == id).Select(a => a.Id).SingleAsync());
        using (var late = await UploadAsync(applicant, $"/api/applications/{id}/attachments", [new("fieldKey", "plan")], "file", "Muộn.pdf", Pdf))
        {
            var problem = await Json.ReadAsync(late, HttpStatusCode.Conflict);
            Assert.Equal(Texts.Vi("This field cannot be changed now."), problem.Text("title"));
            Assert.Equal(["plan"], problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        }

        using (var closed = await applicant.DeleteAsync(new Uri($"/api/applications/{id}/attachments/{kept}", UriKind.Relative)))
        {
            var problem = await Json.ReadAsync(closed, HttpStatusCode.Conflict);
            Assert.Equal(["plan"], problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        }

        Assert.Equal([kept], await site.QueryAsync(db => db.ApplicationAttachments.Where(a => a.ApplicationId == id).Select(a => a.Id).ToListAsync()));
    }

    private static async Task<long> UploadPlanAsync(HttpClient client, string id, string name)
    {
        using var response = await UploadAsync(client, $"/api/applications/{id}/attachments", [new("fieldKey", "plan")], "file", name, Pdf);
        return (await Json.ReadAsync(response, HttpStatusCode.Created)).GetProperty("id").GetInt64();
    }
}
