namespace Aft.Api.Tests.Telemetry;

/// <summary>A node that serves <c>/metrics</c> only to an address the tests do not have.</summary>
public sealed class ForeignMetricsNodeFixture() : AftNodeFixture(new Dictionary<string, string?>
{
    ["Aft:Metrics:Enabled"] = "true",
    ["Aft:Metrics:AllowedAddresses:0"] = "192.0.2.0/24",
});
