using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aft.Grains.Storage.Postgres;

/// <summary>
/// The store a cluster shares: AFT's tables, Orleans' membership and grain state in one PostgreSQL database. Its
/// schema is created and upgraded by <c>aft db init</c> and <c>aft db upgrade</c> (<see cref="PostgresSchema"/>),
/// never by a silo as it starts: silos of two versions must not race to migrate one database.
/// </summary>
public sealed class PostgresAppDatabase : AppDatabase
{
    /// <summary>The invariant under which Orleans' ADO.NET providers find Npgsql.</summary>
    public const string Invariant = "Npgsql";

    private const string UniqueViolation = "23505";

    /// <summary>The advisory lock job claims hold until their transaction ends (any 64-bit number no one else uses).</summary>
    private const long ClaimLock = 0x4146_545F_4A4F_4253;

    private readonly NpgsqlDataSource _dataSource;
    private readonly StoreWriter _claimWriter;

    public PostgresAppDatabase(string connectionString, ILoggerFactory loggerFactory)
    {
        _dataSource = PostgresConnections.CreateDataSource(connectionString, loggerFactory);
        Writer = new StoreWriter(_dataSource.OpenConnection, IsUnavailable, loggerFactory.CreateLogger<StoreWriter>());
        _claimWriter = new StoreWriter(_dataSource.OpenConnection, IsUnavailable, loggerFactory.CreateLogger<StoreWriter>());
        GrainState = new GrainStateDatabase(Invariant, _dataSource);
    }

    public override StoreWriter Writer { get; }

    public override GrainStateDatabase GrainState { get; }

    public override async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new StoreUnavailableException();
        }
    }

    public override DbConnection OpenReader()
    {
        try
        {
            return _dataSource.OpenConnection();
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new StoreUnavailableException();
        }
    }

    /// <summary>
    /// On a connection of its own, under an advisory lock held until it commits: waiting for another node's claim then
    /// holds up no other write of this node, and the lock is held for the claim alone, not for a whole batch.
    /// </summary>
    public override Task ExecuteClaimAsync(Action<WriteSession> claim) => _claimWriter.ExecuteAsync(session =>
    {
        session.Execute("SELECT pg_advisory_xact_lock(@lock)", ("@lock", ClaimLock));
        claim(session);
    });

    public override string ThroughIndex(string index) => string.Empty;

    public override bool IsUniqueViolation(Exception exception) => exception is PostgresException { SqlState: UniqueViolation };

    public override bool IsUnavailable(Exception exception) => PostgresConnections.IsUnavailable(exception);

    public override async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await PostgresSchema.EnsureCurrentAsync(connection);
    }

    public override async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        await _claimWriter.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
