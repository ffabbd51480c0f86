using System.Data.Common;

namespace Aft.Grains.Storage;

/// <summary>
/// AFT's own tables (scripts, jobs, logs, keys, secrets, settings, the VFS Library) in whichever store is configured:
/// the embedded SQLite of a single node, or the PostgreSQL a cluster shares. The stores write their SQL once, with
/// <c>@name</c> parameters, to what both understand; what differs between the two lives behind this class.
/// </summary>
public abstract class AppDatabase : IAsyncDisposable
{
    /// <summary>The node's batching writer: every insert, update and delete goes through it.</summary>
    public abstract StoreWriter Writer { get; }

    /// <summary>Where Orleans keeps grain state, reached through its ADO.NET provider.</summary>
    public abstract GrainStateDatabase GrainState { get; }

    /// <summary>An open connection for reads.</summary>
    public abstract Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken = default);

    /// <summary>An open connection for reads, for the few callers that cannot await (a script reading a secret).</summary>
    public abstract DbConnection OpenReader();

    /// <summary>
    /// Runs <paramref name="claim"/> (a claim of queued jobs) in a transaction that no other node's claim on this
    /// database overlaps, so two nodes never both count a script's last free slot as theirs; completes once committed.
    /// </summary>
    public abstract Task ExecuteClaimAsync(Action<WriteSession> claim);

    /// <summary>
    /// What to write after a table's name so a query reads it through <paramref name="index"/>: SQLite, without
    /// statistics, may prefer an index that makes it sort every queued job; PostgreSQL's planner finds partial indexes
    /// itself (nothing).
    /// </summary>
    public abstract string ThroughIndex(string index);

    /// <summary>Whether <paramref name="exception"/> is a unique-key violation (a duplicate name or idempotency key).</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>Whether <paramref name="exception"/> says the database cannot be reached now (the caller should try again later).</summary>
    public abstract bool IsUnavailable(Exception exception);

    /// <summary>Throws <see cref="StoreSchemaException"/> unless the database has every schema script this build knows.</summary>
    public abstract Task EnsureSchemaAsync(CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();
}
