using Aft.Testing;
using Aft.Testing.Servers;
using Npgsql;

namespace Aft.Grains.Tests.Storage;

[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_new_database_answers_fails_while_stopped_and_keeps_its_data_when_started_again()
    {
        using var server = await PostgresServer.StartAsync();
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(1, await ScalarAsync(database, "SELECT 1"));
        await ScalarAsync(database, "CREATE TABLE kept (value int); INSERT INTO kept VALUES (42)");

        await server.StopAsync();
        var failure = await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync(database, "SELECT 1"));
        // Not Assert.DoesNotContain: its failure message would print the password.
        Assert.False(failure.ToString().Contains(server.Password, StringComparison.Ordinal), "the connection failure shows the password");

        await server.StartAgainAsync();
        Assert.Equal(42, await ScalarAsync(database, "SELECT value FROM kept"));
    }

    [Fact]
    public async Task Dispose_leaves_no_server_process_and_no_data_behind()
    {
        var server = await PostgresServer.StartAsync();
        var dataDirectory = server.DataDirectory;
        var postmaster = Assert.Single(ProcessesNaming(dataDirectory));
        // An open session is one more child to end: its backend.
        await using var session = new NpgsqlConnection(Unpooled(server.AdminConnectionString));
        await session.OpenAsync();
        var processes = ServerProcess.ChildrenOf(postmaster).Append(postmaster).ToList();

        server.Dispose();

        Assert.All(processes, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"server process {pid} is still there"));
        Assert.Empty(ProcessesNaming(dataDirectory));
        Assert.False(Directory.Exists(dataDirectory));
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        // Unpooled: a pooled connection from before the stop would fail once more after the restart.
        await using var connection = new NpgsqlConnection(Unpooled(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static string Unpooled(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    /// <summary>The processes whose command line mentions <paramref name="text"/> (the postmaster's holds its <c>-D</c>).</summary>
    private static List<int> ProcessesNaming(string text)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(dir), out var pid) && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal))
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return pids;
    }
}
