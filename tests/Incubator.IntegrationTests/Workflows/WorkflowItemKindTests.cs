using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Workflows;

/// <summary>Every instance stores the kind of item it concerns, which is how its effects find the feature that owns the item.</summary>
public sealed class WorkflowItemKindTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_store_the_application_kind_on_the_instance_when_an_applicant_submits(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("kind-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme);

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.SubmitAsync(applicant, id));

        var kinds = await site.QueryAsync(db => db.WorkflowInstances.AsNoTracking().Where(i => i.CorrelationId == id).Select(i => i.ItemKind).ToListAsync());
        Assert.Equal(["application"], kinds);
        var workflow = await Json.GetAsync(staff, $"/api/items/{id}/workflow");
        Assert.Equal("waiting", workflow.Text("status"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_store_the_profile_kind_on_the_instance_when_an_owner_submits_a_profile(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);

        var kinds = await site.QueryAsync(db => db.WorkflowInstances.AsNoTracking().Where(i => i.CorrelationId == item.Id).Select(i => i.ItemKind).ToListAsync());
        Assert.Equal(["profile"], kinds);
    }
}
