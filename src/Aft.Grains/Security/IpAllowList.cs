using System.Net;

namespace Aft.Grains.Security;

/// <summary>Addresses and CIDR ranges, IPv4 and IPv6, that an API key may be used from.</summary>
public sealed class IpAllowList
{
    public static IReadOnlyList<string> LoopbackOnly { get; } = ["127.0.0.0/8", "::1/128"];

    private readonly IPNetwork[] _networks;

    private IpAllowList(IPNetwork[] networks) => _networks = networks;

    /// <summary>Parses every entry; returns false with the first bad entry in <paramref name="invalid"/>.</summary>
    public static bool TryParse(IEnumerable<string> entries, out IpAllowList allowList, out string? invalid)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            if (!TryParseEntry(entry, out var network))
            {
                allowList = new IpAllowList([]);
                invalid = entry;
                return false;
            }

            networks.Add(network);
        }

        allowList = new IpAllowList([.. networks]);
        invalid = null;
        return true;
    }

    public IReadOnlyList<IPNetwork> Networks => _networks;

    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseEntry(string entry, out IPNetwork network)
    {
        entry = entry.Trim();
        if (IPNetwork.TryParse(entry, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(entry, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return false;
    }
}
