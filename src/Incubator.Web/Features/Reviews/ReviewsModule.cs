using Incubator.Web.Features.Navigation;

namespace Incubator.Web.Features.Reviews;

/// <summary>Expert reviews of applications: assignment, scoring, expert links.</summary>
public static class ReviewsModule
{
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        services.AddScoped<ReviewerAssignment>();
        services.AddScoped<ReviewSubmission>();
        services.AddNavigationProvider<ReviewsNavigation>();
        return services;
    }

    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReviewApi();
        endpoints.MapExpertLinkApi();
        return endpoints;
    }
}
