using System.Data.Common;
using System.Reflection;

namespace Aft.Grains.Storage;

/// <summary>
/// The versioned schema scripts of one database, embedded as <c>…Schema.{set}NNN-*.sql</c>: which of them a database
/// has not seen yet (recorded in its <c>aft_schema</c> table), and applying those, each in its own transaction.
/// </summary>
/// <param name="resourcePrefix">The scripts' resource names up to the part that is recorded, e.g. <c>Aft.Grains.Storage.Sqlite.Schema.app-</c>.</param>
public sealed class SchemaMigrator(string resourcePrefix)
{
    private const string SchemaTable = "CREATE TABLE IF NOT EXISTS aft_schema (script TEXT PRIMARY KEY, applied_at TEXT NOT NULL)";

    private static readonly Assembly Scripts = typeof(SchemaMigrator).Assembly;

    private readonly int _recordedFrom = resourcePrefix.LastIndexOf(".Schema.", StringComparison.Ordinal) + ".Schema.".Length;

    /// <summary>Every script of this set, in the order they apply, by the name they are recorded under.</summary>
    public IReadOnlyList<string> All => [.. Scripts.GetManifestResourceNames()
        .Where(name => name.StartsWith(resourcePrefix, StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(name => name[_recordedFrom..])];

    /// <summary>The scripts <paramref name="connection"/>'s database has not applied; all of them when it has no schema at all.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(DbConnection connection)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        if (await SchemaTableExistsAsync(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT script FROM aft_schema";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                applied.Add(reader.GetString(0));
            }
        }

        return [.. All.Where(script => !applied.Contains(script))];
    }

    /// <summary>Applies the pending scripts; returns their names.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(DbConnection connection)
    {
        await ExecuteAsync(connection, null, SchemaTable);
        var pending = await PendingAsync(connection);
        foreach (var script in pending)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, transaction, Read(resourcePrefix[.._recordedFrom] + script));
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO aft_schema (script, applied_at) VALUES (@script, @at)";
            record.Bind("@script", script).Bind("@at", DateTimeOffset.UtcNow.ToString("O"));
            await record.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        return pending;
    }

    private static async Task<bool> SchemaTableExistsAsync(DbConnection connection)
    {
        try
        {
            await using var probe = connection.CreateCommand();
            probe.CommandText = "SELECT COUNT(*) FROM aft_schema WHERE 1 = 0";
            await probe.ExecuteScalarAsync();
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string Read(string resource)
    {
        using var stream = Scripts.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
