namespace Aft.Testing;

/// <summary>The configuration an in-process test node starts with (<c>AftServer.Build</c>'s overrides).</summary>
public static class TestNodeSettings
{
    /// <summary>
    /// The node's data dir and HTTPS port, a free loopback silo port, a short cancel grace period and warnings-only
    /// logs; then <paramref name="extra"/>, whose values win.
    /// </summary>
    public static Dictionary<string, string?> For(string dataDir, int port, params IEnumerable<KeyValuePair<string, string?>>[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Aft:DataDir"] = dataDir,
            ["Aft:Server:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aft:Cluster:SiloPort"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aft:Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["Aft:Jobs:CancelGracePeriod"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (name, value) in extra.SelectMany(set => set))
        {
            settings[name] = value;
        }

        return settings;
    }
}
