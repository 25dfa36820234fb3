using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Infrastructure.Observability;

/// <summary>
/// Who sees the site's inner state (<c>/metrics</c>, the details of <c>/health/ready</c>): administrators, and
/// clients in <see cref="MetricsOptions.AllowedNetworks"/>. The address is the connection's after the forwarded-headers
/// middleware, so only a listed proxy can speak for a client.
/// </summary>
internal static class MonitoringAccess
{
    public static async Task<bool> AllowedAsync(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is not null)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            var options = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
            if (options.Networks().Any(n => n.Contains(address)))
            {
                return true;
            }
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(context.User, Policies.Administration)).Succeeded;
    }
}
