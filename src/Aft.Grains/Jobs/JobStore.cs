using System.Data.Common;
using Aft.Grains.Storage;

namespace Aft.Grains.Jobs;

/// <summary>
/// The <c>jobs</c> table: the durable record of every submission and a projection of each job grain's state
/// that listing, idempotency and recovery query. Writes go through the batching writer.
/// </summary>
public sealed class JobStore(AppDatabase database)
{
    private const string Columns = """
        id, source, script_id, script_name, script_version, file_path, params, status, attempts, max_attempts,
        initial_backoff_ms, backoff_multiplier, max_backoff_ms, timeout_ms, max_concurrency, created_at, started_at,
        finished_at, next_attempt_at, exit_code, error, cancel_requested, submitted_by, idempotency_key, request_hash, code, revision,
        progress, owner, trace_parent, schedule_id
        """;

    private const string Insert = $"INSERT INTO jobs ({Columns}) VALUES (@id, @source, @script_id, @script_name, @script_version, @file_path, @params, @status, @attempts, @max_attempts, @initial_backoff_ms, @backoff_multiplier, @max_backoff_ms, @timeout_ms, @max_concurrency, @created_at, @started_at, @finished_at, @next_attempt_at, @exit_code, @error, @cancel_requested, @submitted_by, @idempotency_key, @request_hash, @code, @revision, @progress, @owner, @trace_parent, @schedule_id)";

    private const string Update = """
        UPDATE jobs SET status = @status, attempts = @attempts, started_at = @started_at, finished_at = @finished_at,
            next_attempt_at = @next_attempt_at, exit_code = @exit_code, error = @error, cancel_requested = @cancel_requested,
            revision = @revision, progress = @progress, owner = @owner
        WHERE id = @id AND revision < @revision
        """;

    /// <summary>Stores a new submission; completes once it is committed. Throws <see cref="DuplicateIdempotencyKeyException"/>.</summary>
    /// <param name="alongside">Writes that belong to the submission (its audit entry): committed with the row, or not at all.</param>
    public async Task InsertAsync(JobRecord job, Action<WriteSession>? alongside = null)
    {
        try
        {
            await database.Writer.ExecuteAsync(session =>
            {
                Bind(session.Command(Insert), job, all: true).ExecuteNonQuery();
                alongside?.Invoke(session);
            });
        }
        catch (Exception ex) when (job.IdempotencyKey is not null && database.IsUniqueViolation(ex))
        {
            throw new DuplicateIdempotencyKeyException(job.IdempotencyKey);
        }
    }

    /// <summary>
    /// Records the job's new lifecycle fields; completes once committed. Fenced on the revision: false, and nothing
    /// written, when the row already has this revision or a later one (another activation of the job wrote it).
    /// </summary>
    /// <param name="alongside">Writes that belong to the transition (its webhook deliveries): committed with the row, or not at all.</param>
    public async Task<bool> UpdateAsync(JobRecord job, Action<WriteSession>? alongside = null)
    {
        var updated = 0;
        await database.Writer.ExecuteAsync(session =>
        {
            updated = Bind(session.Command(Update), job, all: false).ExecuteNonQuery();
            if (updated == 1)
            {
                alongside?.Invoke(session);
            }
        });
        return updated == 1;
    }

    public async Task<JobRecord?> GetAsync(string jobId)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM jobs WHERE id = @id";
        command.Bind("@id", jobId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public async Task<JobRecord?> FindByIdempotencyKeyAsync(string? submittedBy, string idempotencyKey)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM jobs WHERE COALESCE(submitted_by, '') = @by AND idempotency_key = @key";
        command.Bind("@by", submittedBy ?? string.Empty);
        command.Bind("@key", idempotencyKey);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<JobRecord>> ListAsync(JobQuery query)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.Status is { } status)
        {
            where.Add("status = @status");
            command.Bind("@status", status.ToName());
        }

        if (query.ScriptId is not null)
        {
            where.Add("script_id = @script_id");
            command.Bind("@script_id", query.ScriptId);
        }

        if (query.CreatedFrom is { } from)
        {
            where.Add("created_at >= @from");
            command.Bind("@from", UnixTime.ToMs(from));
        }

        if (query.CreatedTo is { } to)
        {
            where.Add("created_at < @to");
            command.Bind("@to", UnixTime.ToMs(to));
        }

        if (query.AfterJobId is not null)
        {
            where.Add("id < @after");
            command.Bind("@after", query.AfterJobId);
        }

        var filter = where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where);
        command.CommandText = $"SELECT {Columns} FROM jobs {filter} ORDER BY id DESC LIMIT @limit";
        command.Bind("@limit", query.Limit);
        var jobs = new List<JobRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            jobs.Add(Read(reader));
        }

        return jobs;
    }

    /// <summary>How many jobs wait (queued), run, and wait to retry now, across the cluster.</summary>
    public async Task<UnfinishedJobCounts> CountUnfinishedAsync()
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, COUNT(*) FROM jobs WHERE status IN ('queued', 'running', 'retrying') GROUP BY status";
        var counts = new Dictionary<JobStatus, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[JobStatusNames.Parse(reader.GetString(0))] = reader.GetInt64(1);
        }

        return new UnfinishedJobCounts(counts.GetValueOrDefault(JobStatus.Queued), counts.GetValueOrDefault(JobStatus.Running), counts.GetValueOrDefault(JobStatus.Retrying));
    }

    /// <summary>
    /// How many jobs ended in each minute from <paramref name="since"/> on, by final status (minutes without any are
    /// left out). Reads only the range of the finished-at index that the window covers, however many jobs the store holds.
    /// </summary>
    public async Task<IReadOnlyList<FinishedJobsInMinute>> CountFinishedPerMinuteAsync(DateTimeOffset since)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (finished_at - @since) / 60000 AS minute, status, COUNT(*) FROM jobs
            WHERE finished_at >= @since GROUP BY (finished_at - @since) / 60000, status
            """;
        command.Bind("@since", UnixTime.ToMs(since));
        var counts = new List<FinishedJobsInMinute>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts.Add(new FinishedJobsInMinute(since.AddMinutes(reader.GetInt64(0)), JobStatusNames.Parse(reader.GetString(1)), reader.GetInt64(2)));
        }

        return counts;
    }

    /// <summary>Ids of jobs that ended at or before <paramref name="cutoff"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ListFinishedBeforeAsync(DateTimeOffset cutoff, int limit)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM jobs WHERE finished_at IS NOT NULL AND finished_at <= @cutoff ORDER BY finished_at LIMIT @limit";
        command.Bind("@cutoff", UnixTime.ToMs(cutoff));
        command.Bind("@limit", limit);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Deletes a job row and its log lines.</summary>
    public Task DeleteAsync(string jobId) => database.Writer.ExecuteAsync(session =>
    {
        session.Execute("DELETE FROM job_logs WHERE job_id = @id", ("@id", jobId));
        session.Execute("DELETE FROM jobs WHERE id = @id", ("@id", jobId));
    });

    private static DbCommand Bind(DbCommand command, JobRecord job, bool all)
    {
        command.Bind("@id", job.JobId);
        command.Bind("@status", job.Status.ToName());
        command.Bind("@attempts", job.Attempts);
        command.Bind("@started_at", UnixTime.ToMs(job.StartedAt));
        command.Bind("@finished_at", UnixTime.ToMs(job.FinishedAt));
        command.Bind("@next_attempt_at", UnixTime.ToMs(job.NextAttemptAt));
        command.Bind("@exit_code", job.ExitCode);
        command.Bind("@error", job.Error);
        command.Bind("@cancel_requested", job.CancelRequested ? 1 : 0);
        command.Bind("@revision", job.Revision);
        command.Bind("@progress", job.Progress?.ToJson());
        command.Bind("@owner", job.Owner);
        if (!all)
        {
            return command;
        }

        command.Bind("@source", job.Source.ToName());
        command.Bind("@script_id", job.ScriptId);
        command.Bind("@script_name", job.ScriptName);
        command.Bind("@script_version", job.ScriptVersion);
        command.Bind("@file_path", job.FilePath);
        command.Bind("@params", job.ParamsJson);
        command.Bind("@max_attempts", job.Retry.MaxAttempts);
        command.Bind("@initial_backoff_ms", (long)job.Retry.InitialBackoff.TotalMilliseconds);
        command.Bind("@backoff_multiplier", job.Retry.Multiplier);
        command.Bind("@max_backoff_ms", (long)job.Retry.MaxBackoff.TotalMilliseconds);
        command.Bind("@timeout_ms", (long?)job.Timeout?.TotalMilliseconds);
        command.Bind("@max_concurrency", job.MaxConcurrency);
        command.Bind("@created_at", UnixTime.ToMs(job.CreatedAt));
        command.Bind("@submitted_by", job.SubmittedBy);
        command.Bind("@idempotency_key", job.IdempotencyKey);
        command.Bind("@request_hash", job.RequestHash);
        command.Bind("@code", job.Code);
        command.Bind("@trace_parent", job.TraceParent);
        command.Bind("@schedule_id", job.ScheduleId);
        return command;
    }

    private static JobRecord Read(DbDataReader r)
    {
        static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

        return new JobRecord
        {
            JobId = r.GetString(0),
            Source = JobSourceNames.Parse(r.GetString(1)),
            ScriptId = Text(r, 2),
            ScriptName = Text(r, 3),
            ScriptVersion = (int?)Long(r, 4),
            FilePath = Text(r, 5),
            ParamsJson = r.GetString(6),
            Status = JobStatusNames.Parse(r.GetString(7)),
            Attempts = r.GetInt32(8),
            Retry = new RetryPolicy(r.GetInt32(9), TimeSpan.FromMilliseconds(r.GetInt64(10)), r.GetDouble(11), TimeSpan.FromMilliseconds(r.GetInt64(12))),
            Timeout = Long(r, 13) is { } timeout ? TimeSpan.FromMilliseconds(timeout) : null,
            MaxConcurrency = r.GetInt32(14),
            CreatedAt = UnixTime.FromMs(r.GetInt64(15)),
            StartedAt = UnixTime.FromMs(Long(r, 16)),
            FinishedAt = UnixTime.FromMs(Long(r, 17)),
            NextAttemptAt = UnixTime.FromMs(Long(r, 18)),
            ExitCode = (int?)Long(r, 19),
            Error = Text(r, 20),
            CancelRequested = r.GetInt64(21) != 0,
            SubmittedBy = Text(r, 22),
            IdempotencyKey = Text(r, 23),
            RequestHash = Text(r, 24),
            Code = Text(r, 25),
            Revision = r.GetInt32(26),
            Progress = JobProgress.FromJson(Text(r, 27)),
            Owner = Text(r, 28),
            TraceParent = Text(r, 29),
            ScheduleId = Text(r, 30),
        };
    }
}
