using System.Data.Common;
using System.Text.Json;
using Aft.Grains.Jobs;
using Aft.Grains.Storage;

namespace Aft.Grains.Webhooks;

/// <summary>
/// The <c>webhook_deliveries</c> table, the durable outbox. A job transition's deliveries are written by the same
/// store write as the transition itself (<see cref="EnqueueAsync"/>), so a crash after a job ended cannot lose its
/// webhook; every node's <see cref="WebhookDeliveryService"/> sends the due ones under a lease.
/// </summary>
public sealed class WebhookOutbox(AppDatabase database, WebhookCatalog catalog, TimeProvider clock)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        id, webhook_id, event_type, job_id, status, attempts, last_status_code, last_error, created_at, last_attempt_at,
        next_attempt_at, delivered_at
        """;

    /// <summary>
    /// The write of the deliveries that <paramref name="job"/>'s move from <paramref name="previous"/> is due to the
    /// webhooks subscribed to it, to run in the transaction that records the move; null when there are none.
    /// </summary>
    public async ValueTask<Action<WriteSession>?> EnqueueAsync(JobStatus previous, JobRecord job)
    {
        if (WebhookEvents.OfTransition(previous, job.Status) is not { } type)
        {
            return null;
        }

        var subscribers = await catalog.SubscribersAsync(type, job.ScriptName);
        if (subscribers.Count == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var payload = JsonSerializer.Serialize(new WebhookPayload(type, now, JobResponse.From(job)), Json);
        var deliveries = subscribers.Select(webhookId => (Id: NewId(), WebhookId: webhookId)).ToArray();
        return session =>
        {
            foreach (var (id, webhookId) in deliveries)
            {
                Insert(session, id, webhookId, type, job.JobId, payload, now);
            }
        };
    }

    /// <summary>Queues a <see cref="WebhookEvents.Test"/> delivery to the webhook, due now; returns its id.</summary>
    public async Task<string> EnqueueTestAsync(string webhookId)
    {
        var id = NewId();
        var now = clock.GetUtcNow();
        var payload = JsonSerializer.Serialize(new { type = WebhookEvents.Test, timestamp = now, data = new { webhookId } }, Json);
        await database.Writer.ExecuteAsync(session => Insert(session, id, webhookId, WebhookEvents.Test, null, payload, now));
        return id;
    }

    /// <summary>
    /// Leases up to <paramref name="limit"/> due deliveries to <paramref name="owner"/> for <paramref name="lease"/>.
    /// The lease is taken by a conditional update, so of two nodes that read the same due row only one gets it.
    /// </summary>
    public async Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(string owner, int limit, TimeSpan lease)
    {
        var now = UnixTime.ToMs(clock.GetUtcNow());
        var candidates = new List<DueDelivery>();
        await using (var connection = await database.OpenReaderAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT d.id, d.webhook_id, w.url, w.secret_sealed, d.payload, d.attempts, d.first_attempt_at
                FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= @now AND (d.lease_until IS NULL OR d.lease_until <= @now)
                ORDER BY d.next_attempt_at LIMIT @limit
                """;
            command.Bind("@now", now).Bind("@limit", limit);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                candidates.Add(new DueDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3),
                    reader.GetString(4), reader.GetInt32(5), reader.IsDBNull(6) ? null : UnixTime.FromMs(reader.GetInt64(6))));
            }
        }

        if (candidates.Count == 0)
        {
            return candidates;
        }

        var claimed = new List<DueDelivery>();
        await database.Writer.ExecuteAsync(session =>
        {
            // A batch that fails is rolled back and replayed item by item: this one may run twice.
            claimed.Clear();
            foreach (var candidate in candidates)
            {
                var taken = session.Execute("""
                    UPDATE webhook_deliveries SET lease_owner = @owner, lease_until = @until
                    WHERE id = @id AND status = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
                    """, ("@id", candidate.Id), ("@owner", owner), ("@until", now + (long)lease.TotalMilliseconds), ("@now", now));
                if (taken == 1)
                {
                    claimed.Add(candidate);
                }
            }
        });
        return claimed;
    }

    /// <summary>Records an attempt's outcome, unless <paramref name="owner"/> lost the lease meanwhile.</summary>
    /// <param name="retryAt">When to try again after a failure; null when the delivery succeeded or is given up.</param>
    public Task RecordAttemptAsync(DueDelivery delivery, string owner, string status, int? statusCode, string? error, DateTimeOffset at, DateTimeOffset? retryAt) =>
        database.Writer.ExecuteAsync(session =>
        {
            var command = session.Command("""
                UPDATE webhook_deliveries SET status = @status, attempts = attempts + 1,
                    first_attempt_at = COALESCE(first_attempt_at, @at), last_attempt_at = @at, next_attempt_at = @next,
                    last_status_code = @code, last_error = @error, delivered_at = @delivered, lease_owner = NULL, lease_until = NULL
                WHERE id = @id AND lease_owner = @owner
                """);
            command.Bind("@id", delivery.Id).Bind("@owner", owner).Bind("@status", status).Bind("@error", error);
            command.Bind("@at", UnixTime.ToMs(at));
            command.Bind("@next", UnixTime.ToMs(retryAt));
            command.Bind("@delivered", UnixTime.ToMs(status == Delivered ? at : (DateTimeOffset?)null));
            command.Bind("@code", statusCode);
            command.ExecuteNonQuery();
        });

    /// <summary>A webhook's deliveries, newest first, from after <paramref name="afterId"/> when given.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ListAsync(string webhookId, string? afterId, int limit)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM webhook_deliveries WHERE webhook_id = @webhook_id"
            + (afterId is null ? string.Empty : " AND id < @after") + " ORDER BY id DESC LIMIT @limit";
        command.Bind("@webhook_id", webhookId).Bind("@limit", limit);
        if (afterId is not null)
        {
            command.Bind("@after", afterId);
        }

        var deliveries = new List<WebhookDelivery>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            deliveries.Add(Read(reader));
        }

        return deliveries;
    }

    public async Task<WebhookDelivery?> GetAsync(string webhookId, string deliveryId)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM webhook_deliveries WHERE webhook_id = @webhook_id AND id = @id";
        command.Bind("@webhook_id", webhookId).Bind("@id", deliveryId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    /// <summary>
    /// Queues a delivery again, due now, with a new day of retries; false when there is no such delivery or an attempt
    /// of it is under way.
    /// </summary>
    public async Task<bool> ReplayAsync(string webhookId, string deliveryId)
    {
        var now = UnixTime.ToMs(clock.GetUtcNow());
        var replayed = 0;
        await database.Writer.ExecuteAsync(session => replayed = session.Execute("""
            UPDATE webhook_deliveries SET status = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = @now,
                delivered_at = NULL
            WHERE webhook_id = @webhook_id AND id = @id AND (lease_until IS NULL OR lease_until <= @now)
            """, ("@webhook_id", webhookId), ("@id", deliveryId), ("@now", now)));
        return replayed == 1;
    }

    /// <summary>Deletes the deliveries queued before <paramref name="cutoff"/> that are over (delivered or given up); returns how many.</summary>
    public async Task<int> PurgeEndedBeforeAsync(DateTimeOffset cutoff)
    {
        var purged = 0;
        await database.Writer.ExecuteAsync(session => purged = session.Execute(
            "DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < @cutoff", ("@cutoff", UnixTime.ToMs(cutoff))));
        return purged;
    }

    private static void Insert(WriteSession session, string id, string webhookId, string type, string? jobId, string payload, DateTimeOffset at) =>
        session.Execute("""
            INSERT INTO webhook_deliveries (id, webhook_id, event_type, job_id, payload, status, attempts, next_attempt_at, created_at)
            VALUES (@id, @webhook_id, @event_type, @job_id, @payload, 'pending', 0, @at, @at)
            """,
            ("@id", id), ("@webhook_id", webhookId), ("@event_type", type), ("@job_id", jobId), ("@payload", payload), ("@at", UnixTime.ToMs(at)));

    /// <summary>Time-ordered (a version 7 GUID), so a webhook's deliveries page by id.</summary>
    private static string NewId() => "msg_" + Guid.CreateVersion7().ToString("N");

    private static WebhookDelivery Read(DbDataReader r)
    {
        static DateTimeOffset? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : UnixTime.FromMs(r.GetInt64(i));

        return new WebhookDelivery(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetInt32(5),
            r.IsDBNull(6) ? null : r.GetInt32(6), r.IsDBNull(7) ? null : r.GetString(7), UnixTime.FromMs(r.GetInt64(8)),
            Time(r, 9), Time(r, 10), Time(r, 11));
    }
}
