namespace Aft.Api.Tests.Security;

/// <summary>A node behind a load balancer on loopback: the tests' own connections are the proxy's.</summary>
public sealed class TrustedProxyNodeFixture() : AftNodeFixture(new Dictionary<string, string?>
{
    ["Aft:Server:TrustedProxies:0"] = "127.0.0.0/8",
});
