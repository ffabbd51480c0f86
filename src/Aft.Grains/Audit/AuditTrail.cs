using System.Data.Common;
using System.Text.Json;
using Aft.Grains.Storage;

namespace Aft.Grains.Audit;

/// <summary>
/// The audit trail: who changed which definition (scripts, VFS Library, secrets by name, API keys, settings,
/// schedules, webhooks) and who submitted or cancelled which job, when and from where. A job's submission is written
/// with the job's row; other entries through the node's writer right after the change they record is stored, so an
/// answered call has its entry.
/// </summary>
public sealed class AuditTrail(AppDatabase database, TimeProvider clock)
{
    private const string Columns = "id, at, actor_kind, actor_id, actor_name, address, action, target_kind, target_id, before_json, after_json";

    private const string Insert = """
        INSERT INTO audit (at, actor_kind, actor_id, actor_name, address, action, target_kind, target_id, before_json, after_json)
        VALUES (@at, @actor_kind, @actor_id, @actor_name, @address, @action, @target_kind, @target_id, @before_json, @after_json)
        """;

    /// <param name="action">What happened, as <c>{targetKind}.{verb}</c>: <c>script.updated</c>, <c>job.submitted</c>.</param>
    /// <param name="before">The definition before the change, as the API shows it (serialized to JSON); null for a creation.</param>
    /// <param name="after">The definition after the change; null for a deletion.</param>
    public Task RecordAsync(AuditActor actor, string action, string targetKind, string? targetId, object? before = null, object? after = null) =>
        database.Writer.ExecuteAsync(Entry(actor, action, targetKind, targetId, before, after));

    /// <summary>
    /// The write of one entry, for a store to run in the same write as the change it records (a job's insert): the
    /// entry is committed with the change or not at all, and costs the caller no commit of its own.
    /// </summary>
    /// <inheritdoc cref="RecordAsync" path="/param"/>
    public Action<WriteSession> Entry(AuditActor actor, string action, string targetKind, string? targetId, object? before = null, object? after = null)
    {
        var at = UnixTime.ToMs(clock.GetUtcNow());
        var beforeJson = ToJson(before);
        var afterJson = ToJson(after);
        return session => session.Command(Insert)
            .Bind("@at", at)
            .Bind("@actor_kind", actor.Kind)
            .Bind("@actor_id", actor.Id)
            .Bind("@actor_name", actor.Name)
            .Bind("@address", actor.Address)
            .Bind("@action", action)
            .Bind("@target_kind", targetKind)
            .Bind("@target_id", targetId)
            .Bind("@before_json", beforeJson)
            .Bind("@after_json", afterJson)
            .ExecuteNonQuery();
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        void Filter(string condition, string parameter, object? value)
        {
            if (value is not null)
            {
                where.Add(condition);
                command.Bind(parameter, value);
            }
        }

        Filter("action = @action", "@action", query.Action);
        Filter("target_kind = @target_kind", "@target_kind", query.TargetKind);
        Filter("target_id = @target_id", "@target_id", query.TargetId);
        Filter("actor_id = @actor_id", "@actor_id", query.ActorId);
        Filter("at >= @from", "@from", UnixTime.ToMs(query.From));
        Filter("at < @to", "@to", UnixTime.ToMs(query.To));
        Filter("id < @before_id", "@before_id", query.BeforeId);

        var filter = where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where);
        command.CommandText = $"SELECT {Columns} FROM audit {filter} ORDER BY id DESC LIMIT @limit";
        command.Bind("@limit", query.Limit);
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    /// <summary>Deletes up to <paramref name="limit"/> of the oldest entries from before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, int limit)
    {
        var deleted = 0;
        await database.Writer.ExecuteAsync(session => deleted = session.Command(
                "DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < @cutoff ORDER BY id LIMIT @limit)")
            .Bind("@cutoff", UnixTime.ToMs(cutoff))
            .Bind("@limit", limit)
            .ExecuteNonQuery());
        return deleted;
    }

    private static string? ToJson(object? definition) =>
        definition is null ? null : JsonSerializer.Serialize(definition, definition.GetType(), JsonSerializerOptions.Web);

    private static AuditEntry Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        UnixTime.FromMs(reader.GetInt64(1)),
        new AuditActor(reader.GetString(2), NullableString(reader, 3), NullableString(reader, 4), NullableString(reader, 5)),
        reader.GetString(6),
        reader.GetString(7),
        NullableString(reader, 8),
        NullableString(reader, 9),
        NullableString(reader, 10));

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
