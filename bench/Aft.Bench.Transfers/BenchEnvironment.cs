using System.Globalization;
using Aft.Testing.Servers;

namespace Aft.Bench.Transfers;

/// <summary>
/// What one run sets up and takes down: its folder, the sshd with the data set on both sides, the files the
/// command-line clients log in with, and the AFT nodes (one at its defaults, one per extra ParallelTransfers value).
/// </summary>
public sealed class BenchEnvironment : IAsyncDisposable
{
    // AFT's default maxConnections of a VFS (VfsDefinitionOptions.DefaultMaxConnections).
    private const int DefaultMaxConnections = 8;

    private readonly List<AftNode> _nodes = [];
    private SshdServer? _sshd;
    private BenchLayout? _layout;

    private BenchEnvironment(string work) => Work = work;

    /// <summary>The run's own folder: the local side, the client key, known_hosts, the rclone config, sftp's batch file.</summary>
    public string Work { get; }

    public BenchLayout Layout => _layout!;

    public Dataset Data { get; private set; } = null!;

    public SshAccess Ssh { get; private set; } = null!;

    /// <summary>The sshd listener's process id (a child of this process).</summary>
    public int SshdPid { get; private set; }

    /// <summary>An empty rclone config file of this run, so no user's config is read.</summary>
    public string RcloneConfig => Path.Combine(Work, "rclone.conf");

    /// <summary>AFT at its defaults.</summary>
    public AftTool AftDefaults { get; private set; } = null!;

    /// <summary>AFT with each extra ParallelTransfers value of the settings.</summary>
    public IReadOnlyList<AftTool> AftTuned { get; private set; } = [];

    public static async Task<BenchEnvironment> StartAsync(BenchSettings settings, Action<string> progress)
    {
        var environment = new BenchEnvironment(Directory.CreateTempSubdirectory("aft-bench-transfers-").FullName);
        try
        {
            await environment.PrepareAsync(settings, progress);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _nodes.ForEach(node => node.Dispose());
        // The sshd deletes the remote folders it made (NewRoot) when it is disposed.
        if (_sshd is not null)
        {
            await _sshd.DisposeAsync();
        }

        Directory.Delete(Work, recursive: true);
    }

    private async Task PrepareAsync(BenchSettings settings, Action<string> progress)
    {
        progress("starting sshd and writing the data set");
        _sshd = await SshdServer.StartAsync();
        _layout = new BenchLayout(Path.Combine(Work, "local"), _sshd.NewRoot());
        SshdPid = ProcStat.ChildNamed(Environment.ProcessId, "sshd") ?? throw new InvalidOperationException("the sshd this run started is not running");
        Data = await Dataset.CreateAsync(_layout, settings);
        Ssh = await SshAccess.CreateAsync(_sshd, Work);
        await File.WriteAllTextAsync(RcloneConfig, string.Empty);

        progress("starting aft serve");
        AftDefaults = await StartAftAsync("defaults", new Dictionary<string, string>(), maxConnections: null);
        var tuned = new List<AftTool>();
        foreach (var parallel in settings.ParallelTransfers)
        {
            var connections = Math.Max(parallel, DefaultMaxConnections);
            tuned.Add(await StartAftAsync($"ParallelTransfers={parallel}, maxConnections={connections}",
                new Dictionary<string, string> { ["Aft__Vfs__ParallelTransfers"] = parallel.ToString(CultureInfo.InvariantCulture) }, connections));
        }

        AftTuned = tuned;
    }

    private async Task<AftTool> StartAftAsync(string label, IReadOnlyDictionary<string, string> configuration, int? maxConnections)
    {
        var node = await AftNode.StartAsync(label, configuration);
        _nodes.Add(node);
        return await AftTool.PrepareAsync(node, _sshd!, _layout!, maxConnections);
    }
}
