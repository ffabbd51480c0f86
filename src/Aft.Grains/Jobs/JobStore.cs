using Aft.Grains.Storage;
using Aft.Grains.Storage.Sqlite;
using Microsoft.Data.Sqlite;

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
        progress
        """;

    private const string Insert = $"INSERT INTO jobs ({Columns}) VALUES ($id, $source, $script_id, $script_name, $script_version, $file_path, $params, $status, $attempts, $max_attempts, $initial_backoff_ms, $backoff_multiplier, $max_backoff_ms, $timeout_ms, $max_concurrency, $created_at, $started_at, $finished_at, $next_attempt_at, $exit_code, $error, $cancel_requested, $submitted_by, $idempotency_key, $request_hash, $code, $revision, $progress)";

    private const string Update = """
        UPDATE jobs SET status = $status, attempts = $attempts, started_at = $started_at, finished_at = $finished_at,
            next_attempt_at = $next_attempt_at, exit_code = $exit_code, error = $error, cancel_requested = $cancel_requested,
            revision = $revision, progress = $progress
        WHERE id = $id
        """;

    /// <summary>Stores a new submission; completes once it is committed. Throws <see cref="DuplicateIdempotencyKeyException"/>.</summary>
    public async Task InsertAsync(JobRecord job)
    {
        try
        {
            await database.Writer.ExecuteAsync(session => Bind(session.Command(Insert), job, all: true).ExecuteNonQuery());
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19 && job.IdempotencyKey is not null)
        {
            throw new DuplicateIdempotencyKeyException(job.IdempotencyKey);
        }
    }

    /// <summary>Records the job's new lifecycle fields; completes once committed.</summary>
    public Task UpdateAsync(JobRecord job) =>
        database.Writer.ExecuteAsync(session => Bind(session.Command(Update), job, all: false).ExecuteNonQuery());

    public async Task<JobRecord?> GetAsync(string jobId)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM jobs WHERE id = $id";
        command.Parameters.AddWithValue("$id", jobId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public async Task<JobRecord?> FindByIdempotencyKeyAsync(string? submittedBy, string idempotencyKey)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM jobs WHERE IFNULL(submitted_by, '') = $by AND idempotency_key = $key";
        command.Parameters.AddWithValue("$by", submittedBy ?? string.Empty);
        command.Parameters.AddWithValue("$key", idempotencyKey);
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
            where.Add("status = $status");
            command.Parameters.AddWithValue("$status", status.ToName());
        }

        if (query.ScriptId is not null)
        {
            where.Add("script_id = $script_id");
            command.Parameters.AddWithValue("$script_id", query.ScriptId);
        }

        if (query.CreatedFrom is { } from)
        {
            where.Add("created_at >= $from");
            command.Parameters.AddWithValue("$from", UnixTime.ToMs(from));
        }

        if (query.CreatedTo is { } to)
        {
            where.Add("created_at < $to");
            command.Parameters.AddWithValue("$to", UnixTime.ToMs(to));
        }

        if (query.AfterJobId is not null)
        {
            where.Add("id < $after");
            command.Parameters.AddWithValue("$after", query.AfterJobId);
        }

        var filter = where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where);
        command.CommandText = $"SELECT {Columns} FROM jobs {filter} ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", query.Limit);
        var jobs = new List<JobRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            jobs.Add(Read(reader));
        }

        return jobs;
    }

    /// <summary>The jobs that had not ended when the service last stopped.</summary>
    public async Task<IReadOnlyList<string>> ListUnfinishedIdsAsync()
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM jobs WHERE status IN ('queued', 'running', 'retrying') ORDER BY id";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Ids of jobs that ended at or before <paramref name="cutoff"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ListFinishedBeforeAsync(DateTimeOffset cutoff, int limit)
    {
        await using var connection = await database.OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM jobs WHERE finished_at IS NOT NULL AND finished_at <= $cutoff ORDER BY finished_at LIMIT $limit";
        command.Parameters.AddWithValue("$cutoff", UnixTime.ToMs(cutoff));
        command.Parameters.AddWithValue("$limit", limit);
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
        session.Execute("DELETE FROM job_logs WHERE job_id = $id", ("$id", jobId));
        session.Execute("DELETE FROM jobs WHERE id = $id", ("$id", jobId));
    });

    private static SqliteCommand Bind(SqliteCommand command, JobRecord job, bool all)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", job.JobId);
        p.AddWithValue("$status", job.Status.ToName());
        p.AddWithValue("$attempts", job.Attempts);
        p.AddWithValue("$started_at", (object?)UnixTime.ToMs(job.StartedAt) ?? DBNull.Value);
        p.AddWithValue("$finished_at", (object?)UnixTime.ToMs(job.FinishedAt) ?? DBNull.Value);
        p.AddWithValue("$next_attempt_at", (object?)UnixTime.ToMs(job.NextAttemptAt) ?? DBNull.Value);
        p.AddWithValue("$exit_code", (object?)job.ExitCode ?? DBNull.Value);
        p.AddWithValue("$error", (object?)job.Error ?? DBNull.Value);
        p.AddWithValue("$cancel_requested", job.CancelRequested ? 1 : 0);
        p.AddWithValue("$revision", job.Revision);
        p.AddWithValue("$progress", (object?)job.Progress?.ToJson() ?? DBNull.Value);
        if (!all)
        {
            return command;
        }

        p.AddWithValue("$source", job.Source == JobSource.Cli ? "cli" : "api");
        p.AddWithValue("$script_id", (object?)job.ScriptId ?? DBNull.Value);
        p.AddWithValue("$script_name", (object?)job.ScriptName ?? DBNull.Value);
        p.AddWithValue("$script_version", (object?)job.ScriptVersion ?? DBNull.Value);
        p.AddWithValue("$file_path", (object?)job.FilePath ?? DBNull.Value);
        p.AddWithValue("$params", job.ParamsJson);
        p.AddWithValue("$max_attempts", job.Retry.MaxAttempts);
        p.AddWithValue("$initial_backoff_ms", (long)job.Retry.InitialBackoff.TotalMilliseconds);
        p.AddWithValue("$backoff_multiplier", job.Retry.Multiplier);
        p.AddWithValue("$max_backoff_ms", (long)job.Retry.MaxBackoff.TotalMilliseconds);
        p.AddWithValue("$timeout_ms", job.Timeout is { } timeout ? (long)timeout.TotalMilliseconds : DBNull.Value);
        p.AddWithValue("$max_concurrency", job.MaxConcurrency);
        p.AddWithValue("$created_at", UnixTime.ToMs(job.CreatedAt));
        p.AddWithValue("$submitted_by", (object?)job.SubmittedBy ?? DBNull.Value);
        p.AddWithValue("$idempotency_key", (object?)job.IdempotencyKey ?? DBNull.Value);
        p.AddWithValue("$request_hash", (object?)job.RequestHash ?? DBNull.Value);
        p.AddWithValue("$code", (object?)job.Code ?? DBNull.Value);
        return command;
    }

    private static JobRecord Read(SqliteDataReader r)
    {
        static long? Long(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

        return new JobRecord
        {
            JobId = r.GetString(0),
            Source = r.GetString(1) == "cli" ? JobSource.Cli : JobSource.Api,
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
        };
    }
}
