using MessagePack;

namespace Aft.Grains.Jobs;

/// <summary>How a failed attempt is retried: exponential backoff from <see cref="InitialBackoff"/>, capped, with jitter.</summary>
[GenerateSerializer, Immutable, MessagePackObject]
public sealed record RetryPolicy(
    [property: Id(0), Key(0)] int MaxAttempts,
    [property: Id(1), Key(1)] TimeSpan InitialBackoff,
    [property: Id(2), Key(2)] double Multiplier,
    [property: Id(3), Key(3)] TimeSpan MaxBackoff)
{
    /// <summary>One attempt, no retry.</summary>
    public static RetryPolicy None { get; } = new(1, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromMinutes(5));

    /// <summary>
    /// The wait after failed attempt number <paramref name="attempt"/> (1-based): half of the exponential delay
    /// fixed and half random ("equal jitter"), so retries of many jobs that failed together spread out.
    /// </summary>
    public TimeSpan BackoffAfter(int attempt, Random random)
    {
        var exponential = InitialBackoff.TotalMilliseconds * Math.Pow(Multiplier, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + random.NextDouble() * capped / 2);
    }
}
