using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Aft.Grains.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Webhooks;

/// <summary>
/// Sends this node's share of the outbox: every <see cref="WebhooksOptions.PollInterval"/> it leases as many due
/// deliveries as it has free sending slots and posts each, signed, on its own task. Jobs and API requests never wait
/// on it: a slow or dead receiver holds at most its slots, each for at most <see cref="WebhooksOptions.Timeout"/>.
/// </summary>
public sealed partial class WebhookDeliveryService(
    WebhookOutbox outbox,
    WebhookStore webhooks,
    IHttpClientFactory httpClients,
    AftMetrics metrics,
    IOptions<WebhooksOptions> options,
    TimeProvider clock,
    ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    public const string HttpClientName = "aft-webhooks";

    private const int MaxErrorLength = 500;

    /// <summary>Names this node's leases; a restarted node takes a new name, and the old leases run out.</summary>
    private readonly string _leaseOwner = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, Task> _sending = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // An attempt in flight keeps its lease for twice its timeout: long enough to record its outcome.
        var lease = settings.Timeout * 2;
        using var timer = new PeriodicTimer(settings.PollInterval, clock);
        try
        {
            do
            {
                try
                {
                    var free = settings.MaxConcurrentDeliveries - _sending.Count;
                    if (free > 0)
                    {
                        foreach (var delivery in await outbox.ClaimDueAsync(_leaseOwner, free, lease))
                        {
                            var sending = Task.Run(() => SendAsync(delivery, stoppingToken), CancellationToken.None);
                            _sending[delivery.Id] = sending;
                            _ = sending.ContinueWith(_ => _sending.TryRemove(delivery.Id, out var _), CancellationToken.None,
                                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                        }
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPollFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping, possibly before it finished starting: not a failure (see JobRetentionService).
        }

        // Attempts cut short by the stop record nothing: their leases run out and the next node to poll sends them again.
        await Task.WhenAll(_sending.Values);
    }

    private async Task SendAsync(DueDelivery delivery, CancellationToken stoppingToken)
    {
        try
        {
            var (statusCode, error) = await PostAsync(delivery, stoppingToken);
            var at = clock.GetUtcNow();
            if (error is null)
            {
                await outbox.RecordAttemptAsync(delivery, _leaseOwner, WebhookOutbox.Delivered, statusCode, null, at, null);
                metrics.WebhookDelivery("delivered");
                return;
            }

            var settings = options.Value;
            var firstAttemptAt = delivery.FirstAttemptAt ?? at;
            var retryAt = at - firstAttemptAt < settings.RetryHorizon
                ? at + settings.RetryDelayAfter(delivery.Attempts + 1, Random.Shared)
                : (DateTimeOffset?)null;
            await outbox.RecordAttemptAsync(delivery, _leaseOwner, retryAt is null ? WebhookOutbox.Failed : WebhookOutbox.Pending,
                statusCode, error, at, retryAt);
            metrics.WebhookDelivery(retryAt is null ? "given_up" : "retrying");
            if (retryAt is null)
            {
                LogGivenUp(logger, delivery.Id, delivery.WebhookId, delivery.Attempts + 1);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The outcome could not be stored: the lease runs out and the attempt is made again.
            LogRecordFailed(logger, ex, delivery.Id);
        }
    }

    /// <summary>One attempt: the receiver's status code, and what went wrong (null for a 2xx answer).</summary>
    private async Task<(int? StatusCode, string? Error)> PostAsync(DueDelivery delivery, CancellationToken stoppingToken)
    {
        string secret;
        try
        {
            secret = webhooks.OpenSecret(delivery.WebhookId, delivery.SealedSecret);
        }
        catch (CryptographicException)
        {
            return (null, "the webhook's secret cannot be opened with this node's secrets key (Aft:Secrets:Key)");
        }

        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSecrets.Sign(secret, delivery.Id, timestamp, delivery.Payload));

        var timeout = options.Value.Timeout;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        attempt.CancelAfter(timeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (code, null) : (code, $"the receiver answered {code} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, $"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.Message.Length > MaxErrorLength ? ex.Message[..MaxErrorLength] : ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for due webhook deliveries failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to webhook {WebhookId} failed after {Attempts} attempts; it is given up")]
    private static partial void LogGivenUp(ILogger logger, string deliveryId, string webhookId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording the outcome of webhook delivery {DeliveryId} failed; it will be sent again")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string deliveryId);
}
