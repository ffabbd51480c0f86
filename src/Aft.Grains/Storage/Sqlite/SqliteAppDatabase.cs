using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Aft.Grains.Storage.Sqlite;

/// <summary>
/// The embedded store of a single node: <c>aft.db</c> in the data dir for AFT's tables (pooled readers, one batching
/// writer) and <c>grains.db</c> beside it for grain state. Both are created and migrated when first opened, so a
/// fresh data dir needs no set-up.
/// </summary>
public sealed class SqliteAppDatabase : AppDatabase
{
    private const int ConstraintViolation = 19;
    private const int Busy = 5;

    private readonly SqliteDatabase _database;
    private readonly GrainDatabase _grains;

    public SqliteAppDatabase(DataDirectory dataDirectory, ILoggerFactory loggerFactory)
    {
        dataDirectory.EnsureExists();
        _database = new SqliteDatabase(dataDirectory.AppDatabase);
        _database.Migrate("app");
        _database.StartCheckpoints();
        _grains = new GrainDatabase(dataDirectory);
        Writer = new StoreWriter(_database.Open, IsUnavailable, loggerFactory.CreateLogger<StoreWriter>());
        GrainState = new GrainStateDatabase(GrainDatabase.Invariant, _grains.Database.DataSource);
    }

    public override StoreWriter Writer { get; }

    public override GrainStateDatabase GrainState { get; }

    public override async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken = default) => await _database.OpenAsync(cancellationToken);

    public override DbConnection OpenReader() => _database.Open();

    /// <summary>One node writes this file, through one writer: a claim is one more item of its batches.</summary>
    public override Task ExecuteClaimAsync(Action<WriteSession> claim) => Writer.ExecuteAsync(claim);

    public override string ThroughIndex(string index) => $"INDEXED BY {index}";

    public override bool IsUniqueViolation(Exception exception) => exception is SqliteException { SqliteErrorCode: ConstraintViolation };

    public override bool IsUnavailable(Exception exception) => exception is SqliteException { SqliteErrorCode: Busy };

    /// <summary>Nothing to check: opening migrated both files.</summary>
    public override Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        await _database.DisposeAsync();
        await _grains.DisposeAsync();
    }
}
