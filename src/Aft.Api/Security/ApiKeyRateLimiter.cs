using System.Globalization;
using System.Threading.RateLimiting;
using Aft.Grains.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Aft.Api.Security;

/// <summary>
/// Per API key token buckets, in ASP.NET Core's rate limiter: one for the key's job submissions (routes marked
/// <see cref="SubmissionEndpointExtensions.CountsAsSubmission"/>) and one for its reads (GET). A key's own limits
/// (<see cref="ApiKeyLimits"/>) win over <see cref="RateLimitsOptions"/>. The buckets live in this process, so each
/// silo grants a key its full limit. A request over the limit is refused before its endpoint runs: 429 with
/// <c>Retry-After</c>, and nothing stored. Requests without a key this node knows are not limited here; the key check
/// refuses them.
/// </summary>
public sealed class ApiKeyRateLimiter(ApiKeyCache keys, IOptions<RateLimitsOptions> defaults)
{
    /// <summary>Tokens are added continuously (the rate limiter tops the buckets up ten times a second) at this many per second.</summary>
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public PartitionedRateLimiter<HttpContext> Create() => PartitionedRateLimiter.Create<HttpContext, Bucket>(Partition);

    /// <summary>Answers a refused request: 429, <c>Retry-After</c> in whole seconds, and problem+json.</summary>
    public static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Second;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var what = IsSubmission(http) ? "job submissions" : "reads";
        await TypedResults.Problem(
            detail: $"this API key is over its rate limit for {what} on this node; try again in {seconds} s",
            title: "Too many requests",
            statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
    }

    private RateLimitPartition<Bucket> Partition(HttpContext http)
    {
        var submission = IsSubmission(http);
        if ((!submission && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            || http.Request.Headers[ApiKeyEndpointFilter.HeaderName].ToString() is not { Length: > 0 } presented
            || keys.Peek(presented) is not { } key)
        {
            return RateLimitPartition.GetNoLimiter(default(Bucket));
        }

        var limits = key.Record.Limits;
        var fallback = defaults.Value;
        var bucket = submission
            ? new Bucket(key.Record.Id, true, limits.SubmitsPerSecond ?? fallback.SubmitsPerSecond, limits.SubmitBurst ?? fallback.SubmitBurst)
            : new Bucket(key.Record.Id, false, limits.ReadsPerSecond ?? fallback.ReadsPerSecond, limits.ReadBurst ?? fallback.ReadBurst);
        return RateLimitPartition.GetTokenBucketLimiter(bucket, Options);
    }

    /// <remarks>
    /// Not replenished by its own timer: the partitioned limiter tops up every bucket ten times a second, each by the
    /// tokens earned since its last top-up, so a rate of 1000/s is 100 tokens every 100 ms rather than 1000 each second.
    /// </remarks>
    private static TokenBucketRateLimiterOptions Options(Bucket bucket) => new()
    {
        TokenLimit = bucket.Burst,
        TokensPerPeriod = bucket.PerSecond,
        ReplenishmentPeriod = Second,
        AutoReplenishment = false,
        QueueLimit = 0,
    };

    private static bool IsSubmission(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<SubmissionEndpoint>() is not null;

    /// <summary>One key's bucket of one kind; new limits on the key make a new bucket.</summary>
    private readonly record struct Bucket(string KeyId, bool Submissions, int PerSecond, int Burst);
}
