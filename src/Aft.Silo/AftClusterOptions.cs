namespace Aft.Silo;

/// <summary>The Orleans side of a node. Bound from <c>Aft:Orleans</c>.</summary>
public sealed class AftClusterOptions
{
    /// <summary>
    /// Silo-to-silo port. One node alone still listens on it (loopback only); unset, a free port is picked at each
    /// start, so services on one machine never share one.
    /// </summary>
    public int? SiloPort { get; set; }

    public string ClusterId { get; set; } = "aft";

    public string ServiceId { get; set; } = "aft";
}
