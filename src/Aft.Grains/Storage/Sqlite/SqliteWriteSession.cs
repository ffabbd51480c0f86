using Microsoft.Data.Sqlite;

namespace Aft.Grains.Storage.Sqlite;

/// <summary>
/// The writer's connection inside one batch transaction. Commands are cached by SQL text so the hot
/// statements (job insert, status update, log line) are parsed once per process, not once per call.
/// </summary>
public sealed class SqliteWriteSession(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    internal SqliteTransaction? Transaction { get; set; }

    /// <summary>A ready command for <paramref name="sql"/> with no parameters bound.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
        return command;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        connection.Dispose();
    }
}
