using Incubator.Recipes;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Targets;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Records;

/// <summary>The records feature: IP records, technology transactions, contest entries and intermediaries.</summary>
public static class RecordsModule
{
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        services.AddScoped<IRecipeStep, RecordsStep>();
        services.AddScoped<IIndicatorSource, IpRecordIndicators>();
        services.AddScoped<IIndicatorSource, TechnologyTransactionIndicators>();
        services.AddScoped<IIndicatorSource, ContestEntryIndicators>();
        services.AddScoped<IIndicatorSource, IntermediaryIndicators>();

        // Records live in their feature's folder rather than under an Admin folder but are back-office pages all the
        // same; changing one also needs the Staff policy, which their handlers check.
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Records", Policies.BackOffice));
        return services;
    }
}
