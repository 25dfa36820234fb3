using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Applications;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>An applicant's organisation awaiting review, its owner, and the workflow instance its submission started.</summary>
public sealed record SubmittedProfile(string Id, string Name, Guid InstanceId, HttpClient Owner, string OwnerEmail);

/// <summary>
/// The situations tests start from, each arranged one way, over the site's own API as its users would: a test says
/// what it is given (<c>await Given.SubmittedProfileAsync(site)</c>) instead of repeating the steps.
/// </summary>
public static class Given
{
    /// <summary>An applicant's new startup, submitted for review, and the "profile-publication" instance that started.</summary>
    public static async Task<SubmittedProfile> SubmittedProfileAsync(SiteFactory site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var (owner, email, _) = await site.CreateApplicantAsync();
        var name = $"Khởi nghiệp {Guid.NewGuid():N}";
        using var created = await owner.PostAsJsonAsync("/api/organisations", new { kind = "startup", name, summary = "Nông sản sạch" });
        var id = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        using (var submitted = await owner.PostAsync(new Uri($"/api/organisations/{id}/submit", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        var instance = await site.QueryAsync(db => db.WorkflowInstances.SingleAsync(i => i.CorrelationId == id));
        Assert.Equal(("profile-publication", Incubator.Workflows.WorkflowStatus.Waiting), (instance.TypeKey, instance.Status));
        return new SubmittedProfile(id, name, instance.Id, owner, email);
    }

    /// <summary>A published programme open now (<see cref="SupportData.Programme"/>); returns its id.</summary>
    public static Task<string> OpenProgrammeAsync(SiteFactory site, string? key = null) => SupportData.CreateProgrammeAsync(site, key);

    /// <summary>A new applicant's startup applied to the programme with valid answers and submitted.</summary>
    public static Task<SubmittedApplication> SubmittedApplicationAsync(SiteFactory site, string programmeId, string? organisationName = null) =>
        SupportData.SubmitAsync(site, programmeId, organisationName);

    /// <summary>A new applicant's startup with a draft application to the programme, its answers valid.</summary>
    public static Task<(HttpClient Applicant, string OrganisationId, string ApplicationId)> DraftApplicationAsync(SiteFactory site, string programmeId, long requestedAmount = 200_000_000) =>
        ProgrammeData.DraftAsync(site, programmeId, requestedAmount);
}
