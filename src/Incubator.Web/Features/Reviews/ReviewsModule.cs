using Incubator.Web.Features.Timeline;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Workflows;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.Notifications;

namespace Incubator.Web.Features.Reviews;

/// <summary>Expert reviews of applications: assignment, scoring, expert links.</summary>
internal static class ReviewsModule
{
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        services.AddScoped<ReviewerAssignment>();
        services.AddScoped<ReviewSubmission>();
        services.AddScoped<ReviewerWithdrawal>();
        services.AddScoped<CouncilRanking>();
        services.AddScoped<DecisionEvidenceReader>();
        services.AddNoticeDetails<RejectionNoticeDetails>();

        // What reviews add to applications: their workflow conditions and assignment, and reviewers' read access.
        services.AddWorkflowItemHandler<ReviewWorkflowItems>();
        services.AddScoped<ReviewerReaders>();
        services.AddScoped<Applications.IApplicationReaders>(sp => sp.GetRequiredService<ReviewerReaders>());
        services.AddScoped<Search.ISearchScopeSource>(sp => sp.GetRequiredService<ReviewerReaders>());
        services.AddNavigationProvider<ReviewsNavigation>();
        services.AddApplicationPageSection<Admin.ReviewersSection>();
        services.AddTimelineSource<ReviewTimelineSource>();

        // What reviews add to the back office's queue: the reviewers' progress and mean score, and bulk assignment.
        services.AddScoped<IApplicationReviewProgress, ReviewProgressSource>();
        services.AddApplicationQueueAction<Admin.ReviewersQueueAction>();
        services.AddApplicationPageSection<Admin.DecisionSection>();
        return services;
    }

    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReviewApi();
        endpoints.MapExpertLinkApi();
        return endpoints;
    }
}
