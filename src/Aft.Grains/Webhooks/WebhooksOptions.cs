namespace Aft.Grains.Webhooks;

/// <summary>How this node delivers webhooks. Bound from <c>Aft:Webhooks</c>.</summary>
public sealed class WebhooksOptions
{
    /// <summary>How often the node looks for deliveries that are due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one delivery attempt may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries this node sends at once; the rest wait in the outbox.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 16;

    /// <summary>The wait after the first failed attempt; each later wait is <see cref="RetryMultiplier"/> times longer.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(5);

    public double RetryMultiplier { get; set; } = 6;

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(3);

    /// <summary>How long after its first attempt a delivery is retried before it is given up as failed.</summary>
    public TimeSpan RetryHorizon { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the node reloads the list of webhooks, to see the changes made on other nodes.</summary>
    public TimeSpan CatalogRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The wait before the attempt after <paramref name="failedAttempts"/> failed ones: exponential, capped, with
    /// ±20 % jitter so receivers that come back are not hit by every delivery in the same second.
    /// </summary>
    public TimeSpan RetryDelayAfter(int failedAttempts, Random random)
    {
        var exponential = RetryInitialDelay.TotalMilliseconds * Math.Pow(RetryMultiplier, Math.Max(0, failedAttempts - 1));
        var capped = Math.Min(exponential, RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.4 * random.NextDouble()));
    }
}
