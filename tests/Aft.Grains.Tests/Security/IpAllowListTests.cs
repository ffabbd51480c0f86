using System.Net;
using Aft.Grains.Security;

namespace Aft.Grains.Tests.Security;

public sealed class IpAllowListTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("::2", false)]
    public void Loopback_only_allows_loopback_in_both_families(string address, bool allowed)
    {
        Assert.True(IpAllowList.TryParse(IpAllowList.LoopbackOnly, out var list, out _));
        Assert.Equal(allowed, list.Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void Single_addresses_and_ranges_of_both_families_are_accepted()
    {
        Assert.True(IpAllowList.TryParse(["192.168.1.10", "10.0.0.0/8", "2001:db8::/32", "fe80::1"], out var list, out _));

        Assert.True(list.Allows(IPAddress.Parse("192.168.1.10")));
        Assert.False(list.Allows(IPAddress.Parse("192.168.1.11")));
        Assert.True(list.Allows(IPAddress.Parse("10.200.0.1")));
        Assert.True(list.Allows(IPAddress.Parse("2001:db8:1::5")));
        Assert.True(list.Allows(IPAddress.Parse("fe80::1")));
        Assert.False(list.Allows(null));
    }

    [Theory]
    [InlineData("300.1.1.1")]
    [InlineData("10.0.0.0/33")]
    [InlineData("localhost")]
    public void A_bad_entry_is_reported(string entry)
    {
        Assert.False(IpAllowList.TryParse(["127.0.0.1", entry], out _, out var invalid));
        Assert.Equal(entry, invalid);
    }
}
