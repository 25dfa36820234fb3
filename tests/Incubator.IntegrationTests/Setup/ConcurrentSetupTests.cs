using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Setup;

/// <summary>
/// Two instances started together on a new database (a load balancer's two servers booting after an install): both
/// start, the set-up recipe runs once, and there is one first administrator, whom either instance signs in.
/// </summary>
public sealed class ConcurrentSetupTests
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_start_both_instances_with_one_administrator_when_two_start_together_on_a_new_database(DatabaseProvider provider)
    {
        using var first = new SiteFactory(provider, fresh: true);
        using var second = new SiteFactory(first);

        // Both hosts build, migrate and set up at once; neither may stop on the other's first administrator.
        await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));
        var administrators = await first.QueryAsync(db =>
            db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.Administrator), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId).Distinct().CountAsync());
        var recipeMarks = await first.QueryAsync(db => db.SiteSettings.CountAsync(s => s.Key == Web.Features.Setup.SiteSetup.RecipeDoneKey));
        using var throughFirst = await first.CreateApiClientAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        using var throughSecond = await second.CreateApiClientAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);

        Assert.Equal(1, administrators);
        Assert.Equal(1, recipeMarks);
    }
}
