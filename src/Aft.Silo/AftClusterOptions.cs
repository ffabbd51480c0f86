namespace Aft.Silo;

/// <summary>The Orleans side of a node: how silos find and reach each other. Bound from <c>Aft:Cluster</c>.</summary>
public sealed class AftClusterOptions
{
    /// <summary>The port a cluster's silos use by default, as Orleans' own default.</summary>
    public const int DefaultClusterSiloPort = 11111;

    /// <summary>The cluster's name: silos with the same id on the same database form one cluster.</summary>
    public string Id { get; set; } = "aft";

    /// <summary>
    /// Silo-to-silo port. On the embedded store a node is a cluster of one and listens on loopback only; unset, a free
    /// port is picked at each start, so services on one machine never share one. On PostgreSQL the silos reach each
    /// other on it (default <see cref="DefaultClusterSiloPort"/>), on every interface.
    /// </summary>
    public int? SiloPort { get; set; }

    /// <summary>The port for external Orleans clients; 0 (the default) opens none, since AFT's clients speak HTTP to the API.</summary>
    public int GatewayPort { get; set; }

    /// <summary>The address the other silos reach this one at (PostgreSQL only); unset, Orleans picks one of this machine's.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>How many grains' locations a silo remembers (Orleans' directory cache); older ones are looked up again.</summary>
    public int DirectoryCacheSize { get; set; } = 20_000;

    /// <summary>Orleans' service id: grain state is kept per service, so it stays the same across deployments.</summary>
    public string ServiceId { get; set; } = "aft";
}
