using Incubator.Recipes;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Records;

public static class RecordsExtensions
{
    public static IServiceCollection AddIncubatorRecords(this IServiceCollection services)
    {
        services.AddScoped<IRecipeStep, RecordsStep>();

        // The pages live with their feature rather than under /Admin, so they take the back office's rule here;
        // changing a record additionally needs the Staff policy, checked by the handlers.
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Records", Policies.BackOffice));
        return services;
    }
}
