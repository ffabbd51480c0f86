using Aft.Api.Audit;
using Aft.Api.Infrastructure;
using Aft.Api.Security;
using Aft.Grains.Scripts;
using Aft.Grains.Security;
using Aft.Grains.Webhooks;

namespace Aft.Api.Webhooks;

/// <summary>Webhooks on job events and their deliveries. Secrets are write-only: shown once when AFT makes one, never read back.</summary>
public static class WebhooksApi
{
    private const int MaxPageSize = 200;

    private const int MaxUrlLength = 2000;

    private static readonly string[] Fields = ["url", "events", "scriptName", "secret"];

    public static IEndpointRouteBuilder MapWebhooksApiV1(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/v1/webhooks").WithTags("Webhooks").RequireApiKey(ApiKeyScopes.Admin);
        webhooks.MapPost("/", CreateAsync);
        webhooks.MapGet("/", async (WebhookStore store) => TypedResults.Ok((await store.ListAsync()).Select(WebhookResponse.From)));
        webhooks.MapGet("/{id}", async (string id, WebhookStore store) =>
            await store.GetAsync(id) is { } webhook ? TypedResults.Ok(WebhookResponse.From(webhook)) : NotFound(id));
        webhooks.MapPut("/{id}", UpdateAsync);
        webhooks.MapDelete("/{id}", DeleteAsync);
        webhooks.MapGet("/{id}/deliveries", ListDeliveriesAsync);
        webhooks.MapPost("/{id}/deliveries/{deliveryId}/replay", ReplayAsync);
        webhooks.MapPost("/{id}/test", TestAsync);
        return app;
    }

    private static Task<IResult> CreateAsync(HttpContext http, WebhookStore store, ScriptStore scripts) =>
        JsonBody.ReadAsync(http.Request, async body =>
        {
            var (problem, draft, secret) = await ParseAsync(body, null, scripts);
            if (problem is not null)
            {
                return problem;
            }

            secret ??= WebhookSecrets.Generate();
            var webhook = await store.CreateAsync(draft!, secret);
            await http.AuditAsync("webhook.created", "webhook", webhook.Id, after: WebhookResponse.From(webhook));
            return TypedResults.Created($"/v1/webhooks/{webhook.Id}", new CreatedWebhookResponse(
                webhook.Id, webhook.Url, webhook.Events, webhook.ScriptName, secret, webhook.CreatedAt, webhook.UpdatedAt));
        });

    /// <summary>Changes the fields given in the body; the others keep their value (<c>"scriptName": null</c> removes the filter).</summary>
    private static async Task<IResult> UpdateAsync(string id, HttpContext http, WebhookStore store, ScriptStore scripts)
    {
        if (await store.GetAsync(id) is not { } current)
        {
            return NotFound(id);
        }

        return await JsonBody.ReadAsync(http.Request, async body =>
        {
            var (problem, draft, secret) = await ParseAsync(body, current, scripts);
            if (problem is not null)
            {
                return problem;
            }

            if (await store.UpdateAsync(id, draft!, secret) is not { } updated)
            {
                return NotFound(id);
            }

            // A replaced secret shows only as the action's name: its value is in no entry.
            var after = WebhookResponse.From(updated);
            await http.AuditAsync(secret is null ? "webhook.updated" : "webhook.secretReplaced", "webhook", id, WebhookResponse.From(current), after);
            return TypedResults.Ok(after);
        });
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, WebhookStore store)
    {
        var current = await store.GetAsync(id);
        if (current is null || !await store.DeleteAsync(id))
        {
            return NotFound(id);
        }

        await http.AuditAsync("webhook.deleted", "webhook", id, before: WebhookResponse.From(current));
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListDeliveriesAsync(string id, int? limit, string? cursor, WebhookStore store, WebhookOutbox outbox)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return ApiProblems.Invalid("limit", $"'limit' must be from 1 to {MaxPageSize}");
        }

        if (await store.GetAsync(id) is null)
        {
            return NotFound(id);
        }

        var pageSize = limit ?? 50;
        var page = await outbox.ListAsync(id, cursor, pageSize);
        return TypedResults.Ok(new WebhookDeliveryListResponse(page, page.Count == pageSize ? page[^1].Id : null));
    }

    private static async Task<IResult> ReplayAsync(string id, string deliveryId, WebhookOutbox outbox)
    {
        if (await outbox.ReplayAsync(id, deliveryId))
        {
            return TypedResults.Accepted($"/v1/webhooks/{id}/deliveries", await outbox.GetAsync(id, deliveryId));
        }

        return await outbox.GetAsync(id, deliveryId) is null
            ? ApiProblems.NotFound($"webhook '{id}' has no delivery '{deliveryId}'")
            : ApiProblems.Conflict("deliveryId", $"an attempt of delivery '{deliveryId}' is under way; replay it once it ended");
    }

    private static async Task<IResult> TestAsync(string id, WebhookStore store, WebhookOutbox outbox)
    {
        if (await store.GetAsync(id) is null)
        {
            return NotFound(id);
        }

        var deliveryId = await outbox.EnqueueTestAsync(id);
        return TypedResults.Accepted($"/v1/webhooks/{id}/deliveries", await outbox.GetAsync(id, deliveryId));
    }

    /// <summary>
    /// Reads a webhook from <paramref name="body"/>: all of it for a new one (<paramref name="current"/> null), the
    /// fields given for a change. The secret comes back apart: it is never part of a webhook as shown.
    /// </summary>
    private static async Task<(IResult? Problem, WebhookDraft? Draft, string? Secret)> ParseAsync(JsonBody body, Webhook? current, ScriptStore scripts)
    {
        IResult? problem;
        foreach (var property in body.Root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
            {
                return (ApiProblems.Invalid(property.Name, $"unknown field '{property.Name}'; a webhook has {string.Join(", ", Fields)}"), null, null);
            }
        }

        if (!body.TryGetString("url", out var url, out problem)
            || !body.TryGetStringArray("events", out var events, out problem)
            || !body.TryGetString("scriptName", out var scriptName, out problem)
            || !body.TryGetString("secret", out var secret, out problem))
        {
            return (problem, null, null);
        }

        url ??= current?.Url;
        if (url is null || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return (ApiProblems.Invalid("url", $"'url' is required: an absolute http:// or https:// URL of at most {MaxUrlLength} characters"), null, null);
        }

        IReadOnlyList<string>? eventList = events is null ? current?.Events : [.. events.Distinct(StringComparer.Ordinal)];
        if (eventList is null || eventList.Count == 0 || eventList.Any(name => !WebhookEvents.IsKnown(name)))
        {
            return (ApiProblems.Invalid("events", $"'events' must list one or more of {string.Join(", ", WebhookEvents.All)}"), null, null);
        }

        if (scriptName is not null)
        {
            if (await scripts.FindByNameAsync(scriptName) is null)
            {
                return (ApiProblems.Invalid("scriptName", $"there is no script named '{scriptName}'"), null, null);
            }
        }
        else if (!body.Root.TryGetProperty("scriptName", out _))
        {
            scriptName = current?.ScriptName;
        }

        if (secret is not null && !WebhookSecrets.IsValid(secret))
        {
            return (ApiProblems.Invalid("secret", $"'secret' must be '{WebhookSecrets.Prefix}' followed by the Base64 of at least {WebhookSecrets.MinKeyBytes} bytes"), null, null);
        }

        return (null, new WebhookDraft(url, eventList, scriptName), secret);
    }

    private static IResult NotFound(string id) => ApiProblems.NotFound($"no webhook with id '{id}'");
}
