using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace Aft.Bench.Cluster;

/// <summary>
/// The run's own PostgreSQL 15, thrown away at its end: a cluster in a temp folder, the postmaster on a free loopback
/// port with password (SCRAM) login for a superuser of the run. PostgreSQL refuses to run as root, so its files belong
/// to the <c>postgres</c> OS user and setpriv runs its programs as that user; setpriv execs, so the process held is
/// the postmaster itself. PostgreSQL's defaults hold otherwise: commits wait for fsync, so what is measured is durable.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private const string OsUser = "postgres";
    private const string Superuser = "bench";
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(2);

    private readonly string _folder;
    private readonly int _port;
    private readonly string _password = RandomNumberGenerator.GetHexString(32, lowercase: true);
    private ServerProcess? _postmaster;

    private PostgresServer(string folder, int port)
    {
        _folder = folder;
        _port = port;
    }

    /// <summary>What <c>postgres --version</c> says.</summary>
    public string Version { get; private set; } = string.Empty;

    private string DataFolder => Path.Combine(_folder, "data");

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellation)
    {
        var postgres = Path.Combine(Bin, "postgres");
        if (!File.Exists(postgres))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({postgres} is missing): apt-get install -y postgresql");
        }

        var server = new PostgresServer(Directory.CreateTempSubdirectory("aft-bench-cluster-pg-").FullName, LoopbackPort.Free());
        try
        {
            server.Version = (await ExternalCommand.RunAsync(postgres, ["--version"], CommandLimit, cancellation)).Trim();
            await server.InitAsync(cancellation);
            server._postmaster = await ServerProcess.StartAsync("postgres", "setpriv", [.. AsOsUser(postgres),
                "-D", server.DataFolder, "-p", server._port.ToString(CultureInfo.InvariantCulture), "-k", server._folder,
                "-c", "listen_addresses=127.0.0.1",
                // Two silos and the peer each open pools of their own.
                "-c", "max_connections=300"],
                environment: null, "database system is ready to accept connections", cancellation);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns the connection string of the superuser on it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellation)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellation);
        return ConnectionString(name);
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = Superuser,
        Password = _password,
        Database = database,
    }.ConnectionString;

    /// <remarks>
    /// An immediate shutdown (SIGQUIT) is as fast as a kill but lets the postmaster end its children and free its shared
    /// memory, which a killed one would leave behind.
    /// </remarks>
    public void Dispose()
    {
        if (_postmaster is not null)
        {
            _postmaster.Signal("QUIT");
            _postmaster.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// initdb as the postgres user. The password reaches it in a file of the run's folder, which only its owner may
    /// enter (not on a command line every process can read), deleted as soon as initdb has read it.
    /// </summary>
    private async Task InitAsync(CancellationToken cancellation)
    {
        var passwordFile = Path.Combine(_folder, "password");
        await File.WriteAllTextAsync(passwordFile, _password, cancellation);
        try
        {
            await ExternalCommand.RunAsync("chown", ["-R", $"{OsUser}:{OsUser}", _folder], CommandLimit, cancellation);
            await ExternalCommand.RunAsync("setpriv", [.. AsOsUser(Path.Combine(Bin, "initdb")),
                "-D", DataFolder, "-U", Superuser, "--auth=scram-sha-256", "--pwfile=" + passwordFile,
                "--encoding=UTF8", "--locale=C", "--no-instructions",
                // The cluster is thrown away after the run: initdb need not wait for its files to reach the disk.
                "--no-sync"], CommandLimit, cancellation);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static string[] AsOsUser(string program) => ["--reuid=" + OsUser, "--regid=" + OsUser, "--init-groups", program];
}
