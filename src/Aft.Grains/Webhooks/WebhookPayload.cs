using Aft.Grains.Jobs;

namespace Aft.Grains.Webhooks;

/// <summary>A delivery's body, shaped as Standard Webhooks suggests: the event's type, when it happened, and the job as <c>GET /v1/jobs/{id}</c> shows it.</summary>
public sealed record WebhookPayload(string Type, DateTimeOffset Timestamp, JobResponse Data);
