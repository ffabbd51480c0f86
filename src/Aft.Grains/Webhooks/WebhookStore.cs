using System.Text.Json;
using Aft.Grains.Security;
using Aft.Grains.Storage;
using Dapper;

namespace Aft.Grains.Webhooks;

/// <summary>
/// The <c>webhooks</c> table. The signing secret is sealed with the secrets key under the name <c>webhook/{id}</c>
/// (no named secret can have a '/'), so it can be opened to sign but cannot be moved to another webhook or secret.
/// Every change reloads this node's <see cref="WebhookCatalog"/> at once; other nodes see it within their refresh.
/// </summary>
public sealed class WebhookStore(AppDatabase database, SecretStore secrets, WebhookCatalog catalog, TimeProvider clock)
{
    private const string Columns = "id, url, events, script_name, created_at, updated_at";

    public async Task<Webhook> CreateAsync(WebhookDraft draft, string secret)
    {
        var now = clock.GetUtcNow();
        var webhook = new Webhook(Guid.CreateVersion7().ToString("N"), draft.Url, draft.Events, draft.ScriptName, now, now);
        await database.Writer.ExecuteAsync(session => session.Execute($"""
            INSERT INTO webhooks ({Columns}, secret_sealed) VALUES (@id, @url, @events, @script_name, @at, @at, @secret)
            """,
            ("@id", webhook.Id), ("@url", webhook.Url), ("@events", JsonSerializer.Serialize(webhook.Events)), ("@script_name", webhook.ScriptName),
            ("@at", UnixTime.ToMs(now)), ("@secret", Seal(webhook.Id, secret))));
        await catalog.ReloadAsync();
        return webhook;
    }

    /// <summary>Replaces the webhook's definition, and its secret when <paramref name="secret"/> is given; null when there is no such webhook.</summary>
    public async Task<Webhook?> UpdateAsync(string id, WebhookDraft draft, string? secret)
    {
        var rows = 0;
        await database.Writer.ExecuteAsync(session =>
        {
            rows = session.Execute("""
                UPDATE webhooks SET url = @url, events = @events, script_name = @script_name, updated_at = @at WHERE id = @id
                """,
                ("@id", id), ("@url", draft.Url), ("@events", JsonSerializer.Serialize(draft.Events)),
                ("@script_name", draft.ScriptName), ("@at", UnixTime.ToMs(clock.GetUtcNow())));
            if (rows == 1 && secret is not null)
            {
                session.Execute("UPDATE webhooks SET secret_sealed = @secret WHERE id = @id", ("@id", id), ("@secret", Seal(id, secret)));
            }
        });
        await catalog.ReloadAsync();
        return rows == 1 ? await GetAsync(id) : null;
    }

    /// <summary>Deletes the webhook and its deliveries, sent or not.</summary>
    public async Task<bool> DeleteAsync(string id)
    {
        var deleted = 0;
        await database.Writer.ExecuteAsync(session =>
        {
            session.Execute("DELETE FROM webhook_deliveries WHERE webhook_id = @id", ("@id", id));
            deleted = session.Execute("DELETE FROM webhooks WHERE id = @id", ("@id", id));
        });
        await catalog.ReloadAsync();
        return deleted > 0;
    }

    public async Task<Webhook?> GetAsync(string id)
    {
        await using var connection = await database.OpenReaderAsync();
        var row = await connection.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM webhooks WHERE id = @id", new { id });
        return row?.ToWebhook();
    }

    public async Task<IReadOnlyList<Webhook>> ListAsync()
    {
        await using var connection = await database.OpenReaderAsync();
        var rows = await connection.QueryAsync<Row>($"SELECT {Columns} FROM webhooks ORDER BY id");
        return [.. rows.Select(row => row.ToWebhook())];
    }

    /// <summary>The clear signing secret of a webhook, for signing a delivery (and for nothing that leaves the node).</summary>
    internal string OpenSecret(string webhookId, byte[] sealedSecret) => secrets.Open(SealedName(webhookId), sealedSecret);

    private byte[] Seal(string webhookId, string secret) => secrets.Seal(SealedName(webhookId), secret);

    private static string SealedName(string webhookId) => "webhook/" + webhookId;

    private sealed record Row(string id, string url, string events, string? script_name, long created_at, long updated_at)
    {
        public Webhook ToWebhook() => new(id, url, JsonSerializer.Deserialize<string[]>(events)!, script_name,
            UnixTime.FromMs(created_at), UnixTime.FromMs(updated_at));
    }
}
