using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Interactions;

/// <summary>What the interactions' and tasks' tests start from: a staff member, an applicant's organisation and a person.</summary>
internal sealed record RelationshipData(HttpClient Staff, string StaffEmail, string StaffPassword, string StaffId, HttpClient Owner, string OwnerId, string OrganisationId, string PersonId) : IDisposable
{
    public static async Task<RelationshipData> CreateAsync(SiteFactory site)
    {
        var (email, password) = await site.CreateAccountAsync("Staff");
        var staff = await site.CreateApiClientAsync(email, password);
        var staffId = await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var (owner, ownerEmail, _) = await site.CreateApplicantAsync();
        using var created = await owner.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = $"HTX Chè {Guid.NewGuid():N}", summary = "Chè shan tuyết" });
        var organisationId = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        var ownerId = await site.QueryAsync(db => db.Users.Where(u => u.Email == ownerEmail).Select(u => u.Id).SingleAsync());
        var personId = Guid.CreateVersion7().ToString("N");
        await site.QueryAsync(async db =>
        {
            db.Set<Person>().Add(new Person
            {
                Id = personId, FullName = "Nông Thị Hoa", NormalizedName = "nông thị hoa", CreatedUtc = DateTime.UtcNow, ModifiedUtc = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        return new RelationshipData(staff, email, password, staffId, owner, ownerId, organisationId, personId);
    }

    public void Dispose()
    {
        Staff.Dispose();
        Owner.Dispose();
    }
}
