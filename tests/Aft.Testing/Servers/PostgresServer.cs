using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Aft.Testing.Servers;

/// <summary>
/// A throwaway PostgreSQL 15 cluster on a free loopback port, in a temp folder deleted on dispose. PostgreSQL refuses
/// to run as root, so the cluster belongs to the <c>postgres</c> user and setpriv runs its binaries as that user;
/// setpriv execs, so the process the fixture holds is the postmaster itself. For tests only durability against an OS
/// crash is given up for speed (no fsync, no full-page writes); commits stay synchronous, so what a test saw committed
/// survives a stop or a kill of the server, as in production. A benchmark asks for PostgreSQL's durable defaults.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string User = "postgres";
    private const string Bin = "/usr/lib/postgresql/15/bin";

    private readonly string _dir;
    private readonly bool _durable;
    private ServerProcess? _process;

    private PostgresServer(string dir, int port, bool durable)
    {
        _dir = dir;
        Port = port;
        _durable = durable;
    }

    public int Port { get; }

    /// <summary>The superuser's password, new for each cluster.</summary>
    public string Password { get; } = RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>The cluster's data folder (the postmaster's <c>-D</c>).</summary>
    public string DataDirectory => Path.Combine(_dir, "data");

    /// <summary>The superuser on the <c>postgres</c> database, over TCP with scram-sha-256.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <param name="durable">Commits wait for fsync, as PostgreSQL's defaults have it (for measurements).</param>
    public static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        var server = new PostgresServer(Directory.CreateTempSubdirectory("aft-postgres-").FullName, LoopbackPorts.Free(), durable);
        try
        {
            await server.InitAsync();
            await server.StartProcessAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Creates an empty database (named <paramref name="name"/>, or a new unique name) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "aft_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = await OpenUnpooledAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// Stops the server cleanly and fast (SIGINT: clients are disconnected, a checkpoint is written) and waits until
    /// the postmaster, which outlives all its children, is gone and the port is closed.
    /// </summary>
    public async Task StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("PostgreSQL is not running");
        ServerProcess.Signal(process.Pid, "INT");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!process.HasExited || await ServerProcess.PortOpenAsync(Port))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"PostgreSQL did not stop in time (port {Port}):\n{process.Output}");
            }

            await Task.Delay(50);
        }

        process.Dispose();
        _process = null;
    }

    /// <summary>Starts the stopped server again on the same port and data, as after a database outage.</summary>
    public Task StartAgainAsync() =>
        _process is null ? StartProcessAsync() : throw new InvalidOperationException("PostgreSQL is still running");

    /// <remarks>
    /// Stopped by an immediate shutdown (SIGQUIT), which takes milliseconds like a kill but, unlike SIGKILL, lets the
    /// postmaster end its children and remove its System V shared memory segment: a killed one stays behind, one
    /// more per test run, until the kernel's limit is reached.
    /// </remarks>
    public void Dispose()
    {
        if (_process is { HasExited: false } process)
        {
            ServerProcess.Signal(process.Pid, "QUIT");
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!process.HasExited && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }

        // Kills the postmaster should it still run.
        _process?.Dispose();
        _process = null;
        Directory.Delete(_dir, recursive: true);
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>The fixture's own connections are not pooled, so none is left open in the cluster or broken in a pool.</summary>
    private async Task<NpgsqlConnection> OpenUnpooledAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// initdb as the postgres user. The password reaches it in a file only that user can read (not on a command line
    /// every process can see), deleted as soon as initdb has read it.
    /// </summary>
    private async Task InitAsync()
    {
        var passwordFile = Path.Combine(_dir, "password");
        using (var stream = new FileStream(passwordFile, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            stream.Write(Encoding.ASCII.GetBytes(Password));
        }

        try
        {
            // The temp folder is the user's alone (0700), so the password file in it and the socket are too.
            await RunAsync("chown", "-R", $"{User}:{User}", _dir);
            await RunAsync(Setpriv(), [.. AsPostgres(Path.Combine(Bin, "initdb")),
                "-D", DataDirectory, "-U", User, "--auth=scram-sha-256", "--pwfile=" + passwordFile,
                "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"]);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>
    /// Starts the postmaster and waits until it accepts sessions: it opens its port before its startup process is
    /// done, and a connection meanwhile is refused with "the database system is starting up".
    /// </summary>
    private async Task StartProcessAsync()
    {
        var postgres = TestServers.Find("PostgreSQL 15 (postgresql)", Path.Combine(Bin, "postgres"));
        string[] arguments = [.. AsPostgres(postgres),
            "-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _dir,
            "-c", "listen_addresses=127.0.0.1",
            // Several silos connect at once, each with its own pools.
            "-c", "max_connections=300",
            .. _durable ? Array.Empty<string>() : ["-c", "fsync=off", "-c", "full_page_writes=off"]];
        _process = await ServerProcess.StartAsync("postgres", Setpriv(), arguments, Port, workingDirectory: _dir);
        var command = (await File.ReadAllTextAsync($"/proc/{_process.Pid}/comm")).Trim();
        if (command != "postgres")
        {
            throw new InvalidOperationException($"PostgreSQL runs as '{command}', not postgres: the fixture would not stop the server itself");
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await (await OpenUnpooledAsync()).DisposeAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CannotConnectNow && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static string Setpriv() => TestServers.Find("setpriv (util-linux)", "/usr/bin/setpriv");

    private static string[] AsPostgres(string program) => [$"--reuid={User}", $"--regid={User}", "--init-groups", program];

    private Task RunAsync(string file, params IReadOnlyList<string> arguments) => TestServers.RunToolAsync(file, arguments, _dir);
}
