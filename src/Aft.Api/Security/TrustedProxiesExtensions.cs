using Aft.Grains.Security;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Aft.Api.Security;

/// <summary>
/// The reverse proxies and load balancers whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> a node believes
/// (<see cref="Setting"/>). A request that comes through them carries the client's own address to everything that
/// reads one: API key allowlists, the UI allowlist, the metrics allowlist and the audit trail. Empty (the default):
/// the headers are ignored, since anyone can send them, and the connection's address is the client's.
/// </summary>
public static class TrustedProxiesExtensions
{
    public const string Setting = "Aft:Server:TrustedProxies";

    public static IServiceCollection AddAftTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var entries = configuration.GetSection(Setting).Get<string[]>() ?? [];
        if (!IpAllowList.TryParse(entries, out var proxies, out var invalid))
        {
            throw new InvalidOperationException($"{Setting}: '{invalid}' is not an IP address or CIDR range");
        }

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Out of the box the middleware trusts loopback; only the configured hops count here. Each hop of a chain
            // is believed only while the address it came from is one of them, so no limit on their number is needed.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in proxies.Networks)
            {
                options.KnownIPNetworks.Add(network);
            }

            options.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>Goes first in the pipeline, so every later step sees the client's address; nothing when no proxy is trusted.</summary>
    public static WebApplication UseAftTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
