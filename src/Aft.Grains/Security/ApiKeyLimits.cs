namespace Aft.Grains.Security;

/// <summary>
/// An API key's own rate limits, token buckets per silo: a rate (tokens added per second) and a burst (the bucket's
/// size), one pair for job submissions and one for reads. A null field takes the configured default (<c>Aft:RateLimits</c>).
/// </summary>
public sealed record ApiKeyLimits(int? SubmitsPerSecond, int? SubmitBurst, int? ReadsPerSecond, int? ReadBurst)
{
    public static ApiKeyLimits None { get; } = new(null, null, null, null);

    /// <summary>The largest rate or burst a key may be given.</summary>
    public const int Max = 1_000_000;
}
