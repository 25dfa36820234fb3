using System.Text;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Data;

public sealed class NormalisationTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_store_text_in_nfc_when_any_entity_is_saved_with_decomposed_text(DatabaseProvider provider)
    {
        var code = "nfc-" + Guid.NewGuid().ToString("N")[..8];
        const string name = "Đổi mới sáng tạo";
        using (var scope = sites[provider].Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            db.TaxonomyTerms.Add(new TaxonomyTerm { Taxonomy = TaxonomyTerm.Sectors, Code = code, NameVi = name.Normalize(NormalizationForm.FormD), NameEn = "Innovation" });
            await db.SaveChangesAsync();
        }

        using (var scope = sites[provider].Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            var stored = await db.TaxonomyTerms.SingleAsync(t => t.Code == code);
            Assert.Equal(name.Normalize(NormalizationForm.FormC), stored.NameVi);
            Assert.NotEqual(name.Normalize(NormalizationForm.FormD), stored.NameVi);
            db.TaxonomyTerms.Remove(stored);
            await db.SaveChangesAsync();
        }
    }
}
