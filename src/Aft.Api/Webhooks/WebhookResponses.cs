using Aft.Grains.Webhooks;

namespace Aft.Api.Webhooks;

/// <summary>How a webhook is shown: never with its secret.</summary>
public sealed record WebhookResponse(string Id, string Url, IReadOnlyList<string> Events, string? ScriptName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static WebhookResponse From(Webhook webhook) =>
        new(webhook.Id, webhook.Url, webhook.Events, webhook.ScriptName, webhook.CreatedAt, webhook.UpdatedAt);
}

/// <summary>The one answer that carries a webhook's secret in clear: its creation.</summary>
public sealed record CreatedWebhookResponse(string Id, string Url, IReadOnlyList<string> Events, string? ScriptName, string Secret, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record WebhookDeliveryListResponse(IReadOnlyList<WebhookDelivery> Items, string? NextCursor);
