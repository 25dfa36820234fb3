using Incubator.IntegrationTests.Infrastructure;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Records;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Records;

public sealed class RecordsStepTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_add_records_of_every_kind_then_change_nothing_when_the_step_runs_again(DatabaseProvider provider)
    {
        var site = sites[provider];
        var k = Guid.NewGuid().ToString("N")[..12];

        var first = await RecordData.RunAsync(site, Step(k, "qualified-national"));
        var again = await RecordData.RunAsync(site, Step(k, "qualified-national"));
        var changed = await RecordData.RunAsync(site, Step(k, "first"));

        Assert.Equal((4, 0, 1), (first.Changed, again.Changed, changed.Changed));
        var ip = await site.QueryAsync(db => db.IpRecords.SingleAsync(r => r.Key == $"{k}-ip"));
        var transaction = await site.QueryAsync(db => db.TechnologyTransactions.SingleAsync(r => r.Key == $"{k}-tx"));
        var intermediary = await site.QueryAsync(db => db.Intermediaries.SingleAsync(r => r.Key == $"{k}-im"));
        var entry = await site.QueryAsync(db => db.ContestEntries.SingleAsync(r => r.Key == $"{k}-ce"));
        Assert.Equal((IpObjectKind.GeographicalIndication, new DateOnly(2023, 11, 20), true, "cao-bang"), (ip.ObjectKind, ip.GrantedOn, ip.KeyProduct, ip.Locality));
        Assert.Equal((TransactionKind.IpSale, 350_000_000L, "12/2024/GCN-KHCN", "recipe"), (transaction.Kind, transaction.Value, transaction.RegistrationNumber, transaction.UpdatedBy));
        Assert.Equal((IntermediaryKind.TechnologyExchange, true, (DateOnly?)new DateOnly(2025, 3, 1)), (intermediary.Kind, intermediary.JoinedNetwork, intermediary.JoinedOn));
        Assert.Equal((ContestResult.First, "2025", true), (entry.Result, entry.Round, entry.AppliedInProduction));
        Assert.Equal("Trà hoa vàng", ip.Product);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_the_step_naming_the_path_and_leave_nothing_when_a_date_is_bad(DatabaseProvider provider)
    {
        var site = sites[provider];
        var k = Guid.NewGuid().ToString("N")[..12];

        var error = await Assert.ThrowsAsync<RecipeException>(() => RecordData.RunAsync(site, $$"""
            "ipRecords": [
              { "key": "{{k}}-good", "objectKind": "trademark", "title": "Miến dong", "owner": "HTX", "certificateNumber": "1", "grantedOn": "2024-01-02" },
              { "key": "{{k}}-bad", "objectKind": "trademark", "title": "Thạch đen", "owner": "HTX", "certificateNumber": "2", "grantedOn": "2024-02-30" } ]
            """));

        Assert.Equal(("Records", "$.ipRecords[1].grantedOn"), (error.StepName, error.Field));
        Assert.Contains("'2024-02-30' is not a date; write it as yyyy-MM-dd.", error.Message, StringComparison.Ordinal);
        Assert.False(await site.QueryAsync(db => db.IpRecords.AnyAsync(r => r.Key.StartsWith(k))));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_roll_back_the_whole_recipe_when_a_locality_is_unknown(DatabaseProvider provider)
    {
        var site = sites[provider];
        var k = Guid.NewGuid().ToString("N")[..12];

        var error = await Assert.ThrowsAsync<RecipeException>(() => RecordData.RunAsync(site, $$"""
            "technologyTransactions": [ { "key": "{{k}}-tx", "technology": "Sấy dược liệu", "kind": "transfer", "seller": "A", "buyer": "B", "value": 1, "date": "2024-01-02" } ],
            "intermediaries": [ { "key": "{{k}}-im", "name": "Sàn", "kind": "other", "locality": "ha-noi" } ]
            """));

        Assert.Equal("$.intermediaries[0].locality", error.Field);
        Assert.False(await site.QueryAsync(db => db.TechnologyTransactions.AnyAsync(r => r.Key == $"{k}-tx")));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_name_the_field_when_a_value_has_the_wrong_type_is_negative_or_unknown(DatabaseProvider provider)
    {
        var site = sites[provider];
        const string Valid = "\"technology\": \"T\", \"kind\": \"licence\", \"seller\": \"A\", \"buyer\": \"B\", \"date\": \"2024-01-02\"";

        var negative = await RefusedAsync(site, $$"""{ "key": "n1", {{Valid}}, "value": -1 }""");
        var text = await RefusedAsync(site, $$"""{ "key": "n2", {{Valid}}, "value": "1.000" }""");
        var unknown = await RefusedAsync(site, $$"""{ "key": "n3", {{Valid}}, "value": 1, "price": 1 }""");
        var keyless = await RefusedAsync(site, $$"""{ {{Valid}}, "value": 1 }""");
        var twice = await RefusedAsync(site, $$"""{ "key": "n4", {{Valid}}, "value": 1 }, { "key": "n4", {{Valid}}, "value": 2 }""");

        Assert.Equal("$.technologyTransactions[0].value", negative.Field);
        Assert.Equal("The amount cannot be negative.", negative.Reason);
        Assert.Equal("$.technologyTransactions[0].value", text.Field);
        Assert.Equal("$.technologyTransactions[0].price", unknown.Field);
        Assert.Equal("$.technologyTransactions[0].key", keyless.Field);
        Assert.Equal("$.technologyTransactions[1].key", twice.Field);
    }

    private static Task<RecipeException> RefusedAsync(SiteFactory site, string items) =>
        Assert.ThrowsAsync<RecipeException>(() => RecordData.RunAsync(site, $"\"technologyTransactions\": [ {items} ]"));

    private static string Step(string k, string result) => $$"""
        "ipRecords": [ { "key": "{{k}}-ip", "objectKind": "geographical-indication", "title": "Trà hoa vàng Cao Bằng", "owner": "UBND tỉnh Cao Bằng",
                         "product": "Trà hoa vàng", "keyProduct": true, "certificateNumber": "00145", "grantedOn": "2023-11-20", "locality": "cao-bang" } ],
        "technologyTransactions": [ { "key": "{{k}}-tx", "technology": "Quy trình chế biến miến dong", "kind": "ip-sale", "seller": "Viện A", "buyer": "HTX B",
                                      "value": 350000000, "date": "2024-09-10", "registrationNumber": "12/2024/GCN-KHCN", "locality": "cao-bang.nguyen-binh", "notes": null } ],
        "intermediaries": [ { "key": "{{k}}-im", "name": "Sàn giao dịch công nghệ tỉnh", "kind": "technology-exchange", "joinedNetwork": true, "joinedOn": "2025-03-01" } ],
        "contestEntries": [ { "key": "{{k}}-ce", "title": "Máy thái dược liệu", "authors": "Nông Văn D", "field": "Cơ khí", "round": "2025", "result": "{{result}}",
                              "appliedInProduction": true, "locality": "cao-bang.hoa-an" } ]
        """;
}
