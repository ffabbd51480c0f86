namespace Aft.Grains.Settings;

/// <summary>Settings of the web UI, changed in its Settings page and reset to these defaults by <c>aft reinit</c>.</summary>
public sealed record UiSettings
{
    public static readonly TimeSpan DefaultSessionLifetime = TimeSpan.FromHours(8);

    /// <summary>How long a sign-in lasts, from the sign-in (not sliding).</summary>
    public TimeSpan SessionLifetime { get; init; } = DefaultSessionLifetime;

    /// <summary>Addresses and CIDR ranges the UI answers; empty answers any.</summary>
    public IReadOnlyList<string> AllowedAddresses { get; init; } = [];
}
