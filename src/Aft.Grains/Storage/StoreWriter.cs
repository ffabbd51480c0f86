using System.Data;
using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Aft.Grains.Storage;

/// <summary>
/// A node's single writer to its database. Every write is queued here and whatever is queued is committed
/// together in one transaction (group commit): one flush to disk serves a whole batch of submissions. SQLite
/// allows one writer at a time anyway, and on PostgreSQL one commit per batch instead of one per job is what
/// keeps submissions fast. A failing item fails alone: its batch is replayed item by item.
/// </summary>
public sealed partial class StoreWriter : IAsyncDisposable
{
    private const int MaxBatch = 1024;

    private readonly Channel<WriteItem> _queue = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<DbConnection> _open;
    private readonly Func<Exception, bool> _isUnavailable;
    private readonly ILogger _logger;
    private readonly Task _loop;

    /// <param name="open">Opens a connection for the writer (again, after the database was unreachable).</param>
    /// <param name="isUnavailable">Whether a failure means the database cannot be reached; callers get <see cref="StoreUnavailableException"/> for those.</param>
    /// <param name="logger">Where failures of writes nobody waits for go.</param>
    public StoreWriter(Func<DbConnection> open, Func<Exception, bool> isUnavailable, ILogger<StoreWriter> logger)
    {
        _open = open;
        _isUnavailable = isUnavailable;
        _logger = logger;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Runs <paramref name="work"/> in the next batch; completes once that batch is committed.</summary>
    public Task ExecuteAsync(Action<WriteSession> work)
    {
        var item = new WriteItem(work, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(StoreWriter));
        }

        return item.Completion!.Task;
    }

    /// <summary>Queues <paramref name="work"/> without waiting for it; a failure is logged.</summary>
    public void Post(Action<WriteSession> work)
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
        WriteSession? session = null;
        var batch = new List<WriteItem>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (session is { Connection.State: not ConnectionState.Open })
            {
                session.Dispose();
                session = null;
            }

            try
            {
                session ??= new WriteSession(_open());
            }
            catch (Exception ex)
            {
                // The database is unreachable: this batch fails (its callers answer that they could not store it);
                // the next batch tries to connect again.
                Fail(batch, ex);
                continue;
            }

            // Optimistic: the whole batch in one transaction. Should any item fail, the batch is rolled back and
            // replayed one item per transaction, so only the failing item fails.
            if (TryCommit(session, batch, out var batchFailure))
            {
                Complete(batch, null);
                continue;
            }

            if (_isUnavailable(batchFailure!) || session.Connection.State != ConnectionState.Open)
            {
                // The database went away: every item fails as unavailable, and the next batch connects again.
                Fail(batch, session.Connection.State == ConnectionState.Open ? batchFailure! : new StoreUnavailableException());
                session.Dispose();
                session = null;
                continue;
            }

            foreach (var item in batch)
            {
                TryCommit(session, [item], out var failure);
                Complete([item], failure);
            }
        }

        session?.Dispose();
    }

    private void Fail(List<WriteItem> batch, Exception failure)
    {
        if (batch.Exists(item => item.Completion is null))
        {
            LogPostedWriteFailed(_logger, failure);
        }

        Complete(batch, failure);
    }

    private bool TryCommit(WriteSession session, List<WriteItem> items, out Exception? failure)
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
            else if (items.Count > 1)
            {
                LogBatchFailed(_logger, ex, items.Count);
            }

            return false;
        }
        finally
        {
            session.Transaction = null;
        }
    }

    private void Complete(List<WriteItem> items, Exception? failure)
    {
        if (failure is not null && _isUnavailable(failure))
        {
            failure = new StoreUnavailableException();
        }

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

    private sealed record WriteItem(Action<WriteSession> Work, TaskCompletionSource? Completion);

    [LoggerMessage(Level = LogLevel.Error, Message = "A queued write failed")]
    private static partial void LogPostedWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A batch of {Count} writes failed; its writes are tried one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A write was dropped because the writer is shut down")]
    private static partial void LogWriteDropped(ILogger logger);
}
