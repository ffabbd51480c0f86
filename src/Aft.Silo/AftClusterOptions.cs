namespace Aft.Silo;

/// <summary>The Orleans side of a node. Bound from <c>Aft:Orleans</c>.</summary>
public sealed class AftClusterOptions
{
    /// <summary>Silo-to-silo port. One node alone still listens on it (loopback only).</summary>
    public int SiloPort { get; set; } = 11111;

    public string ClusterId { get; set; } = "aft";

    public string ServiceId { get; set; } = "aft";
}
