using Aft.Grains.Security;

namespace Aft.Api.Telemetry;

/// <summary>The Prometheus scrape endpoint. Bound from <c>Aft:Metrics</c>.</summary>
public sealed class MetricsOptions
{
    /// <summary>Whether the node serves <see cref="Path"/>; off by default.</summary>
    public bool Enabled { get; set; }

    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Addresses and CIDR ranges that may scrape (no API key: Prometheus scrapes without one); others get 403. Unset,
    /// loopback only. (Not defaulted here: configuration would add its entries to the default's.)
    /// </summary>
    public string[]? AllowedAddresses { get; set; }
}
