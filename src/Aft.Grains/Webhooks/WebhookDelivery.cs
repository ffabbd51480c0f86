namespace Aft.Grains.Webhooks;

/// <summary>One event for one webhook, as the outbox holds it: its attempts so far and how they went.</summary>
/// <param name="Id">The <c>webhook-id</c> header: the same on every attempt, for the receiver to drop repeats.</param>
/// <param name="JobId">The job whose event it tells; null for a test delivery.</param>
/// <param name="Attempts">Attempts since the delivery was queued (a replay queues it again).</param>
public sealed record WebhookDelivery(
    string Id,
    string WebhookId,
    string Type,
    string? JobId,
    string Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt);
