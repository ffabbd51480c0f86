using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Aft.Grains.Storage.Sqlite;

/// <summary>
/// The single writer of a SQLite database. SQLite allows one writer at a time, so instead of many
/// connections queueing on its lock, every write is queued here and whatever is queued is committed
/// together in one transaction (group commit): one fsync serves a whole batch of submissions.
/// A failing item fails alone: its batch is replayed item by item.
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
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            // Optimistic: the whole batch in one transaction. Should any item fail, the batch is rolled back and
            // replayed one item per transaction, so only the failing item fails.
            if (TryCommit(session, batch, out _))
            {
                Complete(batch, null);
                continue;
            }

            foreach (var item in batch)
            {
                TryCommit(session, [item], out var failure);
                Complete([item], failure);
            }
        }
    }

    private bool TryCommit(SqliteWriteSession session, List<WriteItem> items, out Exception? failure)
    {
        try
        {
            using var transaction = session.Connection.BeginTransaction();
            session.Transaction = transaction;
            foreach (var item in items)
            {
                item.Work(session);
            }

            transaction.Commit();
            failure = null;
            return true;
        }
        catch (Exception ex)
        {
            failure = ex;
            if (items.Count == 1 && items[0].Completion is null)
            {
                LogPostedWriteFailed(_logger, ex);
            }

            return false;
        }
        finally
        {
            session.Transaction = null;
        }
    }

    private static void Complete(List<WriteItem> items, Exception? failure)
    {
        foreach (var item in items)
        {
            if (failure is null)
            {
                item.Completion?.TrySetResult();
            }
            else
            {
                item.Completion?.TrySetException(failure);
            }
        }
    }

    private sealed record WriteItem(Action<SqliteWriteSession> Work, TaskCompletionSource? Completion);

    [LoggerMessage(Level = LogLevel.Error, Message = "A queued write failed")]
    private static partial void LogPostedWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A write was dropped because the writer is shut down")]
    private static partial void LogWriteDropped(ILogger logger);
}
