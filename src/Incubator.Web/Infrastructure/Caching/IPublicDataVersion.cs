namespace Incubator.Web.Infrastructure.Caching;

/// <summary>
/// A count that moves whenever data a public page may show has changed (an extension point: the data cache counts
/// this instance's saves, the search feature its index's applied changes).
/// </summary>
internal interface IPublicDataVersion
{
    long Version { get; }
}
