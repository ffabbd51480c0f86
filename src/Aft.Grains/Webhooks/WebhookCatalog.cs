using System.Text.Json;
using Aft.Grains.Scripts;
using Aft.Grains.Storage;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Webhooks;

/// <summary>
/// The webhooks in memory, so that a job transition learns who subscribed to it without a query (with no webhooks:
/// one array length check). Reloaded after every change made on this node (<see cref="WebhookStore"/>), and every
/// <see cref="WebhooksOptions.CatalogRefreshInterval"/> so the changes made on other nodes are seen.
/// </summary>
public sealed partial class WebhookCatalog(AppDatabase database, IOptions<WebhooksOptions> options, TimeProvider clock, ILogger<WebhookCatalog> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Subscription[]? _subscriptions;

    /// <summary>The ids of the webhooks that want <paramref name="eventType"/> for a job of <paramref name="scriptName"/>.</summary>
    public async ValueTask<IReadOnlyList<string>> SubscribersAsync(string eventType, string? scriptName)
    {
        var subscriptions = _subscriptions ?? await LoadAsync();
        if (subscriptions.Length == 0)
        {
            return [];
        }

        var scriptKey = scriptName is null ? null : ScriptStore.NameKey(scriptName);
        return [.. subscriptions.Where(subscription => subscription.Wants(eventType, scriptKey)).Select(subscription => subscription.WebhookId)];
    }

    /// <summary>Reads the webhooks again; completes once the new list is in use.</summary>
    public async Task ReloadAsync() => await LoadAsync();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CatalogRefreshInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await LoadAsync();
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogReloadFailed(logger, ex);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping, possibly before it finished starting: not a failure (see JobRetentionService).
        }
    }

    private async Task<Subscription[]> LoadAsync()
    {
        // One load at a time: a load that started before a change must not replace the list read after it.
        await _reload.WaitAsync();
        try
        {
            await using var connection = await database.OpenReaderAsync();
            var rows = await connection.QueryAsync<(string id, string events, string? script_name)>("SELECT id, events, script_name FROM webhooks");
            var subscriptions = rows.Select(row => new Subscription(row.id, JsonSerializer.Deserialize<string[]>(row.events)!,
                row.script_name is null ? null : ScriptStore.NameKey(row.script_name))).ToArray();
            _subscriptions = subscriptions;
            return subscriptions;
        }
        finally
        {
            _reload.Release();
        }
    }

    private sealed record Subscription(string WebhookId, string[] Events, string? ScriptKey)
    {
        public bool Wants(string eventType, string? scriptKey) =>
            Events.Contains(eventType, StringComparer.Ordinal) && (ScriptKey is null || ScriptKey == scriptKey);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the webhooks failed; the last list stays in use")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
