using Incubator.Search;
using Incubator.Web.Infrastructure.Caching;

namespace Incubator.Web.Features.Search;

/// <summary>
/// The index's applied changes as a version of public data: they include other instances' writes (through the
/// outbox), so a public page kept on this instance is outdated once the index has taken a change from anywhere.
/// </summary>
internal sealed class SearchIndexVersion(LuceneSearchIndex index) : IPublicDataVersion
{
    public long Version => index.Changes;
}
