using Incubator.Web.Features.Workflows;
using Incubator.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Reviews;

/// <summary>
/// Another leader approving a second application of the same programme at the very moment a first approval has
/// committed its amount to the programme's ledger in memory and not yet saved it: a real approval, through the
/// site's own workflow service in a scope of its own, so the first approval's save finds the ledger changed under it.
/// Set <see cref="First"/>, <see cref="Second"/> and the rival's decision before the first approval is taken.
/// </summary>
internal sealed class RivalApproval
{
    public string? First { get; set; }
    public string? Second { get; set; }
    public string? LeaderId { get; set; }
    public IReadOnlyDictionary<string, string> Decision { get; set; } = new Dictionary<string, string>();

    /// <summary>How the rival's approval ended; null until it ran (once).</summary>
    public WorkflowActionStatus? Outcome { get; set; }

    public static void Register(IServiceCollection services, RivalApproval rival)
    {
        services.AddSingleton(rival);
        services.AddScoped<IWorkflowItemHandler, Handler>();
    }

    /// <summary>Told of every status after the applications' own handler has applied it (and read the ledger).</summary>
    private sealed class Handler(RivalApproval rival, IServiceScopeFactory scopes) : IWorkflowItemHandler
    {
        public string Kind => "application";

        public async Task<bool> SetStatusAsync(WorkflowInstance instance, string status)
        {
            if (status != "funded" || instance.CorrelationId != rival.First || rival.Outcome is not null)
            {
                return false;
            }

            // Marked first: the rival's own step comes back here for the second application.
            rival.Outcome = WorkflowActionStatus.NotWaiting;
            await using var scope = scopes.CreateAsyncScope();
            var workflows = scope.ServiceProvider.GetRequiredService<WorkflowService>();
            var version = (await workflows.GetAsync(rival.Second!))!.Version;
            rival.Outcome = (await workflows.TakeActionAsync(rival.Second!, "approve", version, null, rival.Decision, rival.LeaderId!)).Status;
            return false;
        }
    }
}
