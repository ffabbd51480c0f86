using Aft.Testing;
using Aft.Testing.Servers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Aft.Cli.Tests.Infrastructure;

/// <summary>
/// A real <c>aft serve</c> child process on a fresh data dir, on free loopback ports over HTTPS, started once per
/// test class. <see cref="Environment"/> points the CLI at its data dir (for the pinned certificate).
/// </summary>
public class ServiceFixture : IAsyncLifetime
{
    private IReadOnlyDictionary<string, string?>? _serveEnvironment;
    private string? _adminKey;
    private PostgresServer? _postgres;

    /// <summary>
    /// A service on the store <see cref="TestStore"/> names: its embedded default, as a user starts it, or a database
    /// of a PostgreSQL server of its own that <c>aft db init</c> set up (xunit builds class fixtures through this).
    /// </summary>
    public ServiceFixture()
        : this(null, null)
    {
    }

    /// <param name="serveEnvironment">Configuration for the service process (e.g. a PostgreSQL store for a silo of a cluster).</param>
    /// <param name="adminKey">The admin key when the service does not make one (a store set up by <c>aft db init</c>).</param>
    internal ServiceFixture(IReadOnlyDictionary<string, string?>? serveEnvironment, string? adminKey)
    {
        _serveEnvironment = serveEnvironment;
        _adminKey = adminKey;
    }

    private readonly TempDirectory _root = new();
    private Process? _process;
    private readonly List<string> _output = [];

    public string Root => _root.Path;

    public string DataDir => System.IO.Path.Combine(_root.Path, "data");

    public int Port { get; } = LoopbackPorts.Free();

    public string Host => $"127.0.0.1:{Port}";

    public string AdminKey { get; private set; } = string.Empty;

    /// <summary>What the CLI needs to find this service's data dir (and so trust its certificate).</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["AFT_DATA_DIR"] = DataDir };

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public Process Process => _process ?? throw new InvalidOperationException("not started");

    public virtual async Task InitializeAsync()
    {
        if (_serveEnvironment is null && TestStore.OnPostgres)
        {
            _postgres = await PostgresServer.StartAsync();
            var database = await InitializedDatabase.CreateAsync(_postgres);
            (_serveEnvironment, _adminKey) = (database.SiloSettings, database.AdminKey);
        }

        await StartAsync();
        AdminKey = _adminKey ?? (await File.ReadAllTextAsync(System.IO.Path.Combine(DataDir, "initial-admin-key"))).Trim();
    }

    public async Task StartAsync()
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // No silo port is configured: the service picks a free one, as it does for a user.
        _process = AftCli.Start(["serve", "--data-dir", DataDir, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], _serveEnvironment);
        void Collect(string? line)
        {
            if (line is null)
            {
                listening.TrySetException(new InvalidOperationException($"aft serve ended:\n{Output}"));
                return;
            }

            lock (_output)
            {
                _output.Add(line);
            }

            if (line.StartsWith("AFT is listening", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_output)
            {
                _output.Add(e.Data ?? string.Empty);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Sends SIGTERM, as a service manager would, and waits for the process to end.</summary>
    public async Task<int> StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return _process?.ExitCode ?? 0;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return _process.ExitCode;
    }

    /// <summary><c>aft ARGS --host HOST -a ADMIN_KEY</c>.</summary>
    public Task<AftResult> AdminAsync(params string[] args) => AftCli.RunAsync([.. args, "--host", Host, "-a", AdminKey], Environment);

    /// <summary><c>aft ARGS</c> with this service's data dir in AFT_DATA_DIR.</summary>
    public Task<AftResult> RunAsync(params string[] args) => AftCli.RunAsync(args, Environment);

    public Task<AftResult> ShellAsync(string commandLine) => AftCli.ShellAsync(commandLine, Environment);

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: true })
        {
            // It died under the tests: keep what it said, the data dir goes away with the fixture.
            await File.WriteAllTextAsync(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"aft-cli-tests-service-{Port}.log"), Output);
        }

        try
        {
            await StopAsync();
        }
        catch (TimeoutException)
        {
            _process?.Kill(entireProcessTree: true);
        }

        _process?.Dispose();
        _postgres?.Dispose();
        _root.Dispose();
    }
}
