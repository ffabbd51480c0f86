using System.Data.Common;
using Aft.Grains.Storage;

namespace Aft.Grains.Schedules;

/// <summary>
/// The <c>schedules</c> table. Every write after the insert is fenced on the revision the writer read, so an
/// administrator's edit and a firing (<see cref="ScheduleGrain"/>) never overwrite each other: the loser reads again.
/// </summary>
public sealed class ScheduleStore(AppDatabase database, TimeProvider clock)
{
    private const string Columns = """
        id, name, script_id, params, cron, time_zone, enabled, overlap, catch_up, next_due, last_run_at, last_job_id,
        created_at, updated_at, revision
        """;

    public async Task<ScheduleRecord> CreateAsync(ScheduleDraft draft)
    {
        var now = clock.GetUtcNow();
        var schedule = new ScheduleRecord { Id = Guid.CreateVersion7().ToString("N"), CreatedAt = now, Revision = 1 };
        schedule = Apply(schedule, draft, now);
        await WriteAsync(draft.Name, session => Bind(session.Command($"""
            INSERT INTO schedules (name_key, {Columns})
            VALUES (@name_key, @id, @name, @script_id, @params, @cron, @time_zone, @enabled, @overlap, @catch_up, @next_due,
                @last_run_at, @last_job_id, @created_at, @updated_at, @revision)
            """), schedule).ExecuteNonQuery());
        return schedule;
    }

    /// <summary>
    /// Stores <paramref name="draft"/> over <paramref name="current"/>; null when the row changed since it was read
    /// (or is gone): read it again and retry. The next due time is kept unless the timing changed or it was paused.
    /// </summary>
    public async Task<ScheduleRecord?> UpdateAsync(ScheduleRecord current, ScheduleDraft draft)
    {
        var updated = Apply(current with { Revision = current.Revision + 1 }, draft, clock.GetUtcNow());
        return await WriteFencedAsync(updated, draft.Name) ? updated : null;
    }

    /// <summary>Records a firing: the new next due time and last job. False when the row changed since it was read.</summary>
    public Task<bool> AdvanceAsync(ScheduleRecord fired) => WriteFencedAsync(fired, fired.Name);

    public async Task<bool> DeleteAsync(string id)
    {
        var deleted = 0;
        await database.Writer.ExecuteAsync(session => deleted = session.Execute("DELETE FROM schedules WHERE id = @id", ("@id", id)));
        return deleted > 0;
    }

    public async Task<ScheduleRecord?> GetAsync(string id) => (await QueryAsync("WHERE id = @key", id)).FirstOrDefault();

    public async Task<ScheduleRecord?> FindByNameAsync(string name) => (await QueryAsync("WHERE name_key = @key", NameKey(name))).FirstOrDefault();

    /// <summary>The schedule with id <paramref name="idOrName"/>, else the one named so.</summary>
    public async Task<ScheduleRecord?> FindAsync(string idOrName) => await GetAsync(idOrName) ?? await FindByNameAsync(idOrName);

    public Task<IReadOnlyList<ScheduleRecord>> ListAsync() => QueryAsync("ORDER BY name_key", null);

    /// <summary>The ids of the enabled schedules due at <paramref name="now"/>, after the id <paramref name="afterId"/>, in id order.</summary>
    public async Task<IReadOnlyList<string>> ListDueAsync(DateTimeOffset now, string afterId, int limit)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM schedules WHERE enabled = 1 AND next_due <= @now AND id > @after ORDER BY id LIMIT @limit";
        command.Bind("@now", UnixTime.ToMs(now)).Bind("@after", afterId).Bind("@limit", limit);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>The earliest due time after <paramref name="now"/> of an enabled schedule; null when there is none.</summary>
    public async Task<DateTimeOffset?> NextDueAfterAsync(DateTimeOffset now)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(next_due) FROM schedules WHERE enabled = 1 AND next_due > @now";
        command.Bind("@now", UnixTime.ToMs(now));
        return await command.ExecuteScalarAsync() is long ms ? UnixTime.FromMs(ms) : null;
    }

    public static string NameKey(string name) => name.Trim().ToUpperInvariant();

    private static ScheduleRecord Apply(ScheduleRecord schedule, ScheduleDraft draft, DateTimeOffset now)
    {
        var sameTiming = schedule.Enabled && schedule.Cron == draft.Cron && schedule.TimeZone == draft.TimeZone;
        var nextDue = !draft.Enabled ? null
            : sameTiming && schedule.NextDue is { } kept ? kept
            : CronSchedule.Parse(draft.Cron, draft.TimeZone).NextAfter(now);
        return schedule with
        {
            Name = draft.Name.Trim(),
            ScriptId = draft.ScriptId,
            ParamsJson = draft.ParamsJson,
            Cron = draft.Cron.Trim(),
            TimeZone = draft.TimeZone,
            Enabled = draft.Enabled,
            Overlap = draft.Overlap,
            CatchUp = draft.CatchUp,
            NextDue = nextDue,
            UpdatedAt = now,
        };
    }

    private async Task<bool> WriteFencedAsync(ScheduleRecord schedule, string name)
    {
        var updated = 0;
        await WriteAsync(name, session => updated = Bind(session.Command("""
            UPDATE schedules SET name = @name, name_key = @name_key, script_id = @script_id, params = @params, cron = @cron,
                time_zone = @time_zone, enabled = @enabled, overlap = @overlap, catch_up = @catch_up, next_due = @next_due,
                last_run_at = @last_run_at, last_job_id = @last_job_id, updated_at = @updated_at, revision = @revision
            WHERE id = @id AND revision = @revision - 1
            """), schedule).ExecuteNonQuery());
        return updated == 1;
    }

    private async Task WriteAsync(string name, Action<WriteSession> write)
    {
        try
        {
            await database.Writer.ExecuteAsync(write);
        }
        catch (Exception ex) when (database.IsUniqueViolation(ex))
        {
            throw new DuplicateScheduleNameException(name.Trim());
        }
    }

    private async Task<IReadOnlyList<ScheduleRecord>> QueryAsync(string filter, string? key)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM schedules {filter}";
        if (key is not null)
        {
            command.Bind("@key", key);
        }

        var schedules = new List<ScheduleRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            schedules.Add(Read(reader));
        }

        return schedules;
    }

    private static DbCommand Bind(DbCommand command, ScheduleRecord schedule)
    {
        command.Bind("@id", schedule.Id);
        command.Bind("@name", schedule.Name);
        command.Bind("@name_key", NameKey(schedule.Name));
        command.Bind("@script_id", schedule.ScriptId);
        command.Bind("@params", schedule.ParamsJson);
        command.Bind("@cron", schedule.Cron);
        command.Bind("@time_zone", schedule.TimeZone);
        command.Bind<int>("@enabled", schedule.Enabled ? 1 : 0);
        command.Bind("@overlap", schedule.Overlap.ToName());
        command.Bind("@catch_up", schedule.CatchUp.ToName());
        command.Bind<long>("@next_due", UnixTime.ToMs(schedule.NextDue));
        command.Bind<long>("@last_run_at", UnixTime.ToMs(schedule.LastRunAt));
        command.Bind("@last_job_id", schedule.LastJobId);
        command.Bind<long>("@created_at", UnixTime.ToMs(schedule.CreatedAt));
        command.Bind<long>("@updated_at", UnixTime.ToMs(schedule.UpdatedAt));
        command.Bind<int>("@revision", schedule.Revision);
        return command;
    }

    private static ScheduleRecord Read(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Name = r.GetString(1),
        ScriptId = r.GetString(2),
        ParamsJson = r.GetString(3),
        Cron = r.GetString(4),
        TimeZone = r.GetString(5),
        Enabled = r.GetInt32(6) != 0,
        Overlap = ScheduleModeNames.Parse<ScheduleOverlap>(r.GetString(7)),
        CatchUp = ScheduleModeNames.Parse<ScheduleCatchUp>(r.GetString(8)),
        NextDue = UnixTime.FromMs(r.IsDBNull(9) ? null : r.GetInt64(9)),
        LastRunAt = UnixTime.FromMs(r.IsDBNull(10) ? null : r.GetInt64(10)),
        LastJobId = r.IsDBNull(11) ? null : r.GetString(11),
        CreatedAt = UnixTime.FromMs(r.GetInt64(12)),
        UpdatedAt = UnixTime.FromMs(r.GetInt64(13)),
        Revision = r.GetInt32(14),
    };
}
