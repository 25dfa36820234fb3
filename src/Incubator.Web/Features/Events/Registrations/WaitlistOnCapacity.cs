namespace Incubator.Web.Features.Events.Registrations;

/// <summary>When staff change an event (raise its capacity, lift the limit), the seats now free go to its waitlist in order.</summary>
internal sealed class WaitlistOnCapacity(IServiceProvider services) : IEventUpdated
{
    // Resolved when needed: the registration commands themselves read events through EventCommands, which calls this.
    public async Task UpdatedAsync(Event item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await services.GetRequiredService<RegistrationCommands>().FillAsync(item.ContentItemId, cancellationToken);
    }
}
