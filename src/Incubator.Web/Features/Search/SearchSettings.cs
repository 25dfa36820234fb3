using System.Text.Json;
using System.Text.Json.Nodes;
using Incubator.Core.Text;
using Incubator.Recipes;
using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Search;

/// <summary>The search settings a recipe or an administrator sets, kept in the site's settings table.</summary>
internal sealed class SearchSettingsStore(IncubatorDbContext db)
{
    public const string SynonymsKey = "search:synonyms";

    public async Task<List<List<string>>> SynonymGroupsAsync(CancellationToken cancellationToken = default)
    {
        var value = await db.SiteSettings.AsNoTracking().Where(s => s.Key == SynonymsKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        return string.IsNullOrEmpty(value) ? [] : JsonSerializer.Deserialize<List<List<string>>>(value) ?? [];
    }

    /// <summary>Replaces the synonym groups; returns whether they changed (an unchanged list writes nothing).</summary>
    public async Task<bool> SetSynonymGroupsAsync(List<List<string>> groups, CancellationToken cancellationToken = default)
    {
        if (!await db.SetSettingAsync(SynonymsKey, JsonSerializer.Serialize(groups), cancellationToken))
        {
            return false;
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

/// <summary>
/// Adds the synonym groups to every document a source builds. The groups are read for each batch, so a change
/// reaches the next outbox batch and the rebuild that the change queues.
/// </summary>
internal sealed class SynonymSearchSource(ISearchSource inner, SearchSettingsStore settings) : ISearchSource
{
    public IReadOnlyList<string> Types => inner.Types;

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var documents = await inner.LoadAsync(type, itemIds, cancellationToken);
        var groups = await settings.SynonymGroupsAsync(cancellationToken);
        if (groups.Count == 0 || documents.Count == 0)
        {
            return documents;
        }

        var synonyms = new SearchSynonyms(groups);
        return [.. documents.Select(synonyms.Apply)];
    }

    public Task<IReadOnlyList<string>> ItemIdsAsync(string type, CancellationToken cancellationToken) => inner.ItemIdsAsync(type, cancellationToken);
}

/// <summary>
/// Recipe step "SearchSettings": <c>{ "synonyms": [ [ "ĐMST", "đổi mới sáng tạo" ], [ "KH&amp;CN", "khoa học và công nghệ" ] ] }</c>.
/// The list replaces the site's; when it changed, a rebuild of every instance's index is requested in the same
/// transaction, so documents already indexed gain or lose the synonyms.
/// </summary>
internal sealed class SearchSettingsStep(SearchSettingsStore settings, IncubatorDbContext db, TimeProvider clock) : IRecipeStep, IRecipeExport
{
    public const int MaxPhraseLength = 100;

    /// <summary>The settings table's value column holds at most this much.</summary>
    public const int MaxStoredLength = 4000;

    public string Name => "SearchSettings";

    public RecipeExportKind ExportKind => RecipeExportKind.Configuration;

    public int ExportOrder => 90;

    /// <summary>The synonym groups, when the site has any.</summary>
    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var groups = await settings.SynonymGroupsAsync(cancellationToken);
        return groups.Count == 0 ? null : new JsonObject { ["synonyms"] = JsonSerializer.SerializeToNode(groups) };
    }

    public sealed record Data(List<List<string>>? Synonyms);

    public void Validate(RecipeStep step) => _ = Read(step);

    public async Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken)
    {
        if (!await settings.SetSynonymGroupsAsync(Read(step), cancellationToken))
        {
            return 0;
        }

        await SearchIndexStateStore.RequestRebuildAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return 1;
    }

    private static List<List<string>> Read(RecipeStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var data = step.Read<Data>();
        var groups = new List<List<string>>();
        var synonyms = data.Synonyms ?? [];
        if (synonyms.Count > SearchSynonyms.MaxGroups)
        {
            throw step.Fail("$.synonyms", "holds {0} groups; at most {1}", synonyms.Count, SearchSynonyms.MaxGroups);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < synonyms.Count; i++)
        {
            var group = synonyms[i] ?? throw step.Fail($"$.synonyms[{i}]", "must be an array of words or phrases");
            if (group.Count is < 2 or > SearchSynonyms.MaxMembers)
            {
                throw step.Fail($"$.synonyms[{i}]", "must list from 2 to {0} words or phrases that mean the same", SearchSynonyms.MaxMembers);
            }

            var members = new List<string>();
            for (var j = 0; j < group.Count; j++)
            {
                var text = VietnameseText.ToNfc(group[j]?.Trim() ?? string.Empty);
                var words = SearchText.Words(text);
                if (words.Count == 0)
                {
                    throw step.Fail($"$.synonyms[{i}][{j}]", "must hold at least one word");
                }

                if (text.Length > MaxPhraseLength)
                {
                    throw step.Fail($"$.synonyms[{i}][{j}]", "is longer than {0} characters", MaxPhraseLength);
                }

                var folded = SearchText.FoldedLine(words);
                if (seen.TryGetValue(folded, out var other) && other != i)
                {
                    throw step.Fail($"$.synonyms[{i}][{j}]", "'{0}' is already in group {1}; merge the two groups", text, other);
                }

                seen[folded] = i;
                members.Add(text);
            }

            groups.Add(members);
        }

        if (JsonSerializer.Serialize(groups).Length > MaxStoredLength)
        {
            throw step.Fail("$.synonyms", "is too long to keep: at most {0} characters once written as JSON", MaxStoredLength);
        }

        return groups;
    }
}
