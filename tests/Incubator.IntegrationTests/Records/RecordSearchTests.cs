using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Records;

/// <summary>Records register their own search source: the back office finds a record, the public never does.</summary>
public sealed class RecordSearchTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_find_a_record_at_its_edit_page_when_the_back_office_searches_and_never_when_the_public_does(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var visitor = site.CreateClient();
        var word = "r" + Guid.NewGuid().ToString("N")[..12];
        var record = new IpRecord
        {
            Key = "ip-" + word, ObjectKind = IpObjectKind.Patent, Owner = "Công ty Hạt giống Cao Bằng", Title = $"Giống lúa {word}",
            CertificateNumber = "1-0012345", GrantedOn = new DateOnly(2025, 3, 1), CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
        };
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            db.IpRecords.Add(record);
            await db.SaveChangesAsync();
            Assert.True(await db.SearchOutbox.AnyAsync(o => o.Type == "record-ip" && o.ItemId == record.Key), "the save queued no outbox row");
        }

        var found = await SearchReader.UntilFoundAsync(staff, word, record.Key);
        var hit = found.GetProperty("items").EnumerateArray().Single(i => i.Text("id") == record.Key);
        Assert.Equal(("record-ip", $"/admin/records/ip/{record.Id}"), (hit.Text("type"), hit.Text("url")));
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(visitor, word)));
    }
}
