using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Aft.Grains.Storage.Sqlite;

/// <summary>
/// Applies the embedded <c>Schema/{prefix}-NNN-*.sql</c> scripts that a database has not seen yet, each in
/// its own transaction, and records them in <c>aft_schema</c>.
/// </summary>
public static class SchemaMigrator
{
    public static void Migrate(SqliteDatabase database, string prefix)
    {
        using var connection = database.Open();
        Execute(connection, null, "PRAGMA journal_mode = WAL;");
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS aft_schema (script TEXT PRIMARY KEY, applied_at TEXT NOT NULL);");

        var assembly = typeof(SchemaMigrator).Assembly;
        var marker = $".Schema.{prefix}-";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.Contains(marker, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        foreach (var resource in scripts)
        {
            var scriptName = resource[(resource.IndexOf(marker, StringComparison.Ordinal) + ".Schema.".Length)..];
            using var transaction = connection.BeginTransaction();
            using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT COUNT(*) FROM aft_schema WHERE script = $script";
            check.Parameters.AddWithValue("$script", scriptName);
            if (Convert.ToInt64(check.ExecuteScalar()) > 0)
            {
                continue;
            }

            Execute(connection, transaction, Read(assembly, resource));
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO aft_schema (script, applied_at) VALUES ($script, $at)";
            record.Parameters.AddWithValue("$script", scriptName);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            record.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
