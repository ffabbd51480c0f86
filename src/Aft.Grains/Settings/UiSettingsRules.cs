using System.Net;
using Aft.Grains.Security;

namespace Aft.Grains.Settings;

/// <summary>What a change to the <see cref="UiSettings"/> must meet, wherever it is made (the Settings page today).</summary>
public static class UiSettingsRules
{
    public static readonly TimeSpan MinSessionLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxSessionLifetime = TimeSpan.FromDays(30);

    /// <summary>
    /// The settings to store, or the field (<c>sessionLifetime</c>, <c>allowedAddresses</c>) and what is wrong with it.
    /// An allowlist must parse (<see cref="IpAllowList.TryParse"/>) and must let in <paramref name="caller"/>, the
    /// admin making the change: an allowlist that locks them out could only be undone with <c>aft reinit</c>.
    /// </summary>
    public static (UiSettings? Settings, string? Field, string? Error) Check(TimeSpan sessionLifetime, IEnumerable<string> allowedAddresses, IPAddress? caller)
    {
        if (sessionLifetime < MinSessionLifetime || sessionLifetime > MaxSessionLifetime)
        {
            return (null, "sessionLifetime", "the session lifetime is 5 minutes to 30 days");
        }

        var entries = allowedAddresses.Select(entry => entry.Trim()).Where(entry => entry.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (!IpAllowList.TryParse(entries, out var allowList, out var invalid))
        {
            return (null, "allowedAddresses", $"'{invalid}' is not an IP address or CIDR range");
        }

        if (entries.Count > 0 && !allowList.Allows(caller))
        {
            return (null, "allowedAddresses", $"your own address ({caller?.ToString() ?? "unknown"}) is not in the list: saving it would lock you out");
        }

        return (new UiSettings { SessionLifetime = sessionLifetime, AllowedAddresses = entries }, null, null);
    }
}
