using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>
/// TestServer has no TCP peer, so RemoteIpAddress is null. A test that needs one names it in the <see cref="Header"/>
/// header; this middleware, registered only by such tests, runs before the whole site and sets it as Kestrel would.
/// </summary>
public static class TestPeer
{
    public const string Header = "X-Test-Peer";

    public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, Filter>();

    /// <summary>Sends <paramref name="request"/> as if it came from <paramref name="peer"/>.</summary>
    public static HttpRequestMessage From(this HttpRequestMessage request, string peer)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Add(Header, peer);
        return request;
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var peer) && IPAddress.TryParse(peer, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                    context.Request.Headers.Remove(Header);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
