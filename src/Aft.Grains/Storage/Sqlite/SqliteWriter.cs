using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Aft.Grains.Storage.Sqlite;

/// <summary>
/// The single writer of a SQLite database. SQLite allows one writer at a time, so instead of many
/// connections queueing on its lock, every write is queued here and whatever is queued is committed
/// together in one transaction (group commit): one fsync serves a whole batch of submissions.
/// Each item runs inside its own savepoint so one failing item does not fail its neighbours.
/// </summary>
public sealed partial class SqliteWriter : IAsyncDisposable
{
    private const int MaxBatch = 1024;

    private readonly Channel<WriteItem> _queue = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteDatabase _database;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public SqliteWriter(SqliteDatabase database, ILogger<SqliteWriter> logger)
    {
        _database = database;
        _logger = logger;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Runs <paramref name="work"/> in the next batch; completes once that batch is committed.</summary>
    public Task ExecuteAsync(Action<SqliteWriteSession> work)
    {
        var item = new WriteItem(work, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(SqliteWriter));
        }

        return item.Completion!.Task;
    }

    /// <summary>Queues <paramref name="work"/> without waiting for it; a failure is logged.</summary>
    public void Post(Action<SqliteWriteSession> work)
    {
        if (!_queue.Writer.TryWrite(new WriteItem(work, null)))
        {
            LogWriteDropped(_logger);
        }
    }

    /// <summary>Completes when everything queued before it is committed.</summary>
    public Task FlushAsync() => ExecuteAsync(static _ => { });

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        using var session = new SqliteWriteSession(_database.Open());
        var batch = new List<WriteItem>(MaxBatch);
        var failures = new Exception?[MaxBatch];
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            Exception? commitFailure = null;
            try
            {
                using var transaction = session.Connection.BeginTransaction();
                session.Transaction = transaction;
                for (var i = 0; i < batch.Count; i++)
                {
                    failures[i] = RunInSavepoint(session, batch[i].Work);
                }

                transaction.Commit();
            }
            catch (Exception ex)
            {
                commitFailure = ex;
                LogBatchFailed(_logger, ex, batch.Count);
            }
            finally
            {
                session.Transaction = null;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var failure = commitFailure ?? failures[i];
                failures[i] = null;
                if (batch[i].Completion is { } completion)
                {
                    if (failure is null)
                    {
                        completion.TrySetResult();
                    }
                    else
                    {
                        completion.TrySetException(failure);
                    }
                }
                else if (failure is not null && commitFailure is null)
                {
                    LogPostedWriteFailed(_logger, failure);
                }
            }
        }
    }

    private static Exception? RunInSavepoint(SqliteWriteSession session, Action<SqliteWriteSession> work)
    {
        session.Execute("SAVEPOINT item");
        try
        {
            work(session);
            session.Execute("RELEASE item");
            return null;
        }
        catch (Exception ex)
        {
            session.Execute("ROLLBACK TO item");
            session.Execute("RELEASE item");
            return ex;
        }
    }

    private sealed record WriteItem(Action<SqliteWriteSession> Work, TaskCompletionSource? Completion);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} writes could not be committed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A queued write failed")]
    private static partial void LogPostedWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A write was dropped because the writer is shut down")]
    private static partial void LogWriteDropped(ILogger logger);
}
