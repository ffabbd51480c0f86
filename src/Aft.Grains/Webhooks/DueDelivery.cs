namespace Aft.Grains.Webhooks;

/// <summary>A delivery this node holds the lease of and is to send now.</summary>
public sealed record DueDelivery(string Id, string WebhookId, string Url, byte[] SealedSecret, string Payload, int Attempts, DateTimeOffset? FirstAttemptAt);
