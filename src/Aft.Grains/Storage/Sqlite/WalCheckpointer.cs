namespace Aft.Grains.Storage.Sqlite;

/// <summary>
/// Copies a database's write-ahead log into the main file in the background. SQLite's own automatic
/// checkpoint runs inside whichever commit happens to fill the log, stalling that commit (and every write
/// queued behind it) while the main file is flushed; connections here turn it off and this passive checkpoint,
/// which never blocks writers or readers, takes its place.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WalCheckpointer(SqliteDatabase database)
    {
        _loop = Task.Run(() => RunAsync(database, _stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static async Task RunAsync(SqliteDatabase database, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stop))
        {
            try
            {
                await using var connection = await database.OpenAsync(stop);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                await command.ExecuteNonQueryAsync(stop);
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // Busy or locked: the next tick tries again.
            }
        }
    }
}
