namespace Aft.Api.Security;

/// <summary>
/// The rate limits of API keys that set none of their own: token buckets per key and per silo. Bound from
/// <c>Aft:RateLimits</c>. The defaults stay well above what one key's client submits and reads in the benchmarks
/// (2-3 thousand submissions a second), so a node throttles only keys that are given lower limits.
/// </summary>
public sealed class RateLimitsOptions
{
    /// <summary>Job submissions (<c>POST /v1/jobs</c>) a key may make per second, sustained.</summary>
    public int SubmitsPerSecond { get; set; } = 10_000;

    /// <summary>Submissions a key may make at once after a pause (the bucket's size).</summary>
    public int SubmitBurst { get; set; } = 20_000;

    /// <summary>Reads (GET requests) a key may make per second, sustained.</summary>
    public int ReadsPerSecond { get; set; } = 20_000;

    public int ReadBurst { get; set; } = 40_000;
}
