using Aft.Grains.Storage;
using Aft.Scripting;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Jobs;

/// <summary>The <c>job_logs</c> table. Lines are queued to the writer without waiting; a job awaits
/// <see cref="FlushAsync"/> before it reports that it ended, so a finished job's log is complete.</summary>
public sealed class JobLogStore(AppDatabase database, IOptions<JobsOptions> options)
{
    private const string Insert = "INSERT INTO job_logs (job_id, at, level, attempt, message) VALUES (@job, @at, @level, @attempt, @message)";

    public void Append(string jobId, int attempt, ScriptLogLevel level, string message)
    {
        var maxLength = options.Value.MaxLogLineLength;
        if (message.Length > maxLength)
        {
            message = string.Concat(message.AsSpan(0, maxLength), " …[truncated]");
        }

        var at = UnixTime.ToMs(DateTimeOffset.UtcNow);
        database.Writer.Post(session => session.Execute(Insert,
            ("@job", jobId), ("@at", at), ("@level", Name(level)), ("@attempt", attempt), ("@message", message)));
    }

    public Task FlushAsync() => database.Writer.FlushAsync();

    public async Task<IReadOnlyList<JobLogLine>> ReadAsync(string jobId, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, at, level, attempt, message FROM job_logs WHERE job_id = @job AND id > @after ORDER BY id LIMIT @limit";
        command.Bind("@job", jobId);
        command.Bind("@after", afterId);
        command.Bind("@limit", limit);
        var lines = new List<JobLogLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new JobLogLine(reader.GetInt64(0), UnixTime.FromMs(reader.GetInt64(1)), Parse(reader.GetString(2)), reader.GetInt32(3), reader.GetString(4)));
        }

        return lines;
    }

    public static string Name(ScriptLogLevel level) => level switch
    {
        ScriptLogLevel.Debug => "debug",
        ScriptLogLevel.Warn => "warn",
        ScriptLogLevel.Error => "error",
        _ => "info",
    };

    private static ScriptLogLevel Parse(string level) => level switch
    {
        "debug" => ScriptLogLevel.Debug,
        "warn" => ScriptLogLevel.Warn,
        "error" => ScriptLogLevel.Error,
        _ => ScriptLogLevel.Info,
    };
}
