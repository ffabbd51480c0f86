using System.Data.Common;

namespace Aft.Grains.Storage;

/// <summary>
/// The writer's connection inside one batch transaction. Commands are cached by SQL text so the hot
/// statements (job insert, status update, log line) are prepared once per connection, not once per call.
/// </summary>
public sealed class WriteSession(DbConnection connection) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbConnection Connection => connection;

    internal DbTransaction? Transaction { get; set; }

    /// <summary>
    /// A ready command for <paramref name="sql"/>, holding the parameters of its last use: bind each again
    /// (<see cref="DbCommandExtensions.Bind"/> sets the value of a parameter it already has). Parameters are kept, not
    /// cleared and added anew, because Npgsql ties a prepared statement to its parameter objects.
    /// </summary>
    public DbCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = Transaction;
        return command;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Bind(name, value);
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
