using Incubator.Web.Data;

namespace Incubator.Web.Features.Mailings;

/// <summary>
/// A segment condition another feature brings (issue 18's cohorts bring "cohort"): it checks the value a segment
/// names and picks the organisations that satisfy it. Registered with <see cref="SegmentConditionExtensions.AddSegmentCondition{T}"/>;
/// a filter naming a condition nobody registered is refused.
/// </summary>
internal interface ISegmentCondition
{
    /// <summary>The filter field it serves, e.g. "cohort".</summary>
    string Name { get; }

    /// <summary>An English message key when the value names nothing; null when it is fine.</summary>
    Task<string?> CheckAsync(string value, CancellationToken cancellationToken);

    /// <summary>The content item ids of the organisations the value picks, as a query the members' query embeds.</summary>
    IQueryable<string> Organisations(IncubatorDbContext db, string value);
}

internal static class SegmentConditionExtensions
{
    public static IServiceCollection AddSegmentCondition<T>(this IServiceCollection services)
        where T : class, ISegmentCondition => services.AddScoped<ISegmentCondition, T>();
}
