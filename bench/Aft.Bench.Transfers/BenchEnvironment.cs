using System.Globalization;
using Aft.Testing.Servers;

namespace Aft.Bench.Transfers;

/// <summary>
/// What one run sets up and takes down: its folder with the data set (the local side), the servers its scenarios
/// need (sshd, vsftpd, s3rver, each holding a copy of the files to download), the files the command-line clients log
/// in with, and the AFT nodes (one at its defaults, one per extra ParallelTransfers value when small files are measured).
/// </summary>
public sealed class BenchEnvironment : IAsyncDisposable
{
    // AFT's default maxConnections of a VFS (VfsDefinitionOptions.DefaultMaxConnections).
    private const int DefaultMaxConnections = 8;

    private readonly List<AftNode> _nodes = [];
    private readonly List<Func<ValueTask>> _stops = [];
    private readonly Dictionary<RemoteServer, AftTool> _aftDefaults = [];
    private readonly Dictionary<RemoteServer, List<AftTool>> _aftTuned = [];

    private BenchEnvironment(string work)
    {
        Work = work;
        Local = new DiskFiles(Path.Combine(work, "local"), ownedByTestUser: false);
    }

    /// <summary>The run's own folder: the local side, the client key, known_hosts, netrc, the rclone configs, sftp's batch file.</summary>
    public string Work { get; }

    /// <summary>The local side.</summary>
    public DiskFiles Local { get; }

    public Dataset Data { get; private set; } = null!;

    /// <summary>The sshd, when SFTP is measured.</summary>
    public RemoteServer? Sftp { get; private set; }

    /// <summary>The sshd's folder that is the remote side (its SFTP path too).</summary>
    public string SftpRoot { get; private set; } = string.Empty;

    public SshAccess Ssh { get; private set; } = null!;

    /// <summary>The vsftpd, when FTP is measured.</summary>
    public RemoteServer? Ftp { get; private set; }

    public FtpAccess FtpLogin { get; private set; } = null!;

    /// <summary>The s3rver, when S3 is measured.</summary>
    public RemoteServer? S3 { get; private set; }

    /// <summary>The remote side as rclone names it: the bucket and prefix on the S3 remote of <see cref="S3RcloneConfig"/>.</summary>
    public string S3RcloneRoot { get; private set; } = string.Empty;

    /// <summary>An rclone config file of this run holding only the s3rver remote (owner-only: it holds the keys).</summary>
    public string S3RcloneConfig => Path.Combine(Work, "rclone-s3.conf");

    /// <summary>An empty rclone config file of this run, so no user's config is read.</summary>
    public string RcloneConfig => Path.Combine(Work, "rclone.conf");

    /// <summary>AFT at its defaults, on <paramref name="remote"/>.</summary>
    public AftTool AftDefaults(RemoteServer remote) => _aftDefaults[remote];

    /// <summary>AFT with each extra ParallelTransfers value of the settings, on <paramref name="remote"/>.</summary>
    public IReadOnlyList<AftTool> AftTuned(RemoteServer remote) => _aftTuned.GetValueOrDefault(remote) ?? [];

    /// <param name="settings">The run's settings.</param>
    /// <param name="protocols">The servers to start: "sftp", "ftp", "s3".</param>
    /// <param name="smallFiles">Whether small files are measured (the tuned AFT nodes are started only then).</param>
    /// <param name="progress">Where progress lines go.</param>
    public static async Task<BenchEnvironment> StartAsync(BenchSettings settings, IReadOnlySet<string> protocols, bool smallFiles, Action<string> progress)
    {
        var environment = new BenchEnvironment(Directory.CreateTempSubdirectory("aft-bench-transfers-").FullName);
        try
        {
            await environment.PrepareAsync(settings, protocols, smallFiles, progress);
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

        // Each server deletes the folders it made (the sshd its NewRoot, vsftpd and s3rver their whole data).
        foreach (var stop in _stops)
        {
            await stop();
        }

        Directory.Delete(Work, recursive: true);
    }

    private async Task PrepareAsync(BenchSettings settings, IReadOnlySet<string> protocols, bool smallFiles, Action<string> progress)
    {
        progress("writing the data set");
        Data = await Dataset.CreateAsync(Local.Root, settings);
        await File.WriteAllTextAsync(RcloneConfig, string.Empty);
        if (protocols.Contains("sftp"))
        {
            progress("starting sshd");
            Sftp = await StartSftpAsync();
        }

        if (protocols.Contains("ftp"))
        {
            progress("starting vsftpd");
            Ftp = await StartFtpAsync();
        }

        if (protocols.Contains("s3"))
        {
            progress("starting s3rver");
            S3 = await StartS3Async();
        }

        RemoteServer[] remotes = [.. new[] { Sftp, Ftp, S3 }.OfType<RemoteServer>()];
        foreach (var remote in remotes)
        {
            progress($"copying the files to download to the {remote.Program}");
            foreach (var file in Dataset.RemoteFiles)
            {
                await remote.Files.PutAsync(file, Local.Root + file);
            }
        }

        progress("starting aft serve");
        var defaults = await StartAftAsync("defaults", new Dictionary<string, string>(), remotes, maxConnections: null);
        foreach (var (remote, tool) in remotes.Zip(defaults))
        {
            _aftDefaults[remote] = tool;
        }

        foreach (var parallel in smallFiles ? settings.ParallelTransfers : [])
        {
            var connections = Math.Max(parallel, DefaultMaxConnections);
            var tuned = await StartAftAsync($"ParallelTransfers={parallel}, maxConnections={connections}",
                new Dictionary<string, string> { ["Aft__Vfs__ParallelTransfers"] = parallel.ToString(CultureInfo.InvariantCulture) }, remotes, connections);
            foreach (var (remote, tool) in remotes.Zip(tuned))
            {
                _aftTuned.TryAdd(remote, []);
                _aftTuned[remote].Add(tool);
            }
        }
    }

    private async Task<RemoteServer> StartSftpAsync()
    {
        var sshd = await SshdServer.StartAsync();
        _stops.Add(sshd.DisposeAsync);
        SftpRoot = sshd.NewRoot();
        var pid = ProcStat.ChildNamed(Environment.ProcessId, "sshd") ?? throw new InvalidOperationException("the sshd this run started is not running");
        Ssh = await SshAccess.CreateAsync(sshd, Work);
        var aft = new AftEntry("bench-sftp", "sftp", sshd.Target,
            new Dictionary<string, string> { ["user"] = TestUser.Name, ["root"] = SftpRoot, ["hostKeySha256"] = sshd.HostKeySha256 },
            new Dictionary<string, string> { ["privateKey"] = sshd.OpenSshKey });
        return new RemoteServer("SFTP", "sshd", pid, new DiskFiles(SftpRoot, ownedByTestUser: true), aft);
    }

    private async Task<RemoteServer> StartFtpAsync()
    {
        var vsftpd = await VsftpdServer.StartAsync(tls: false);
        _stops.Add(() =>
        {
            vsftpd.Dispose();
            return ValueTask.CompletedTask;
        });
        var root = vsftpd.NewFolder();
        FtpLogin = await FtpAccess.CreateAsync(vsftpd, root, Work);
        var aft = new AftEntry("bench-ftp", "ftp", $"127.0.0.1:{vsftpd.Port}",
            new Dictionary<string, string> { ["user"] = FtpTestServer.User, ["root"] = root },
            new Dictionary<string, string> { ["password"] = vsftpd.Password });
        return new RemoteServer("FTP", "vsftpd", vsftpd.Process.Pid, new DiskFiles(vsftpd.RootFolder + root, ownedByTestUser: true), aft);
    }

    private async Task<RemoteServer> StartS3Async()
    {
        const string prefix = "bench";
        var s3rver = await S3rverServer.StartAsync();
        _stops.Add(() =>
        {
            s3rver.Dispose();
            return ValueTask.CompletedTask;
        });
        await File.WriteAllTextAsync(S3RcloneConfig, string.Empty);
        File.SetUnixFileMode(S3RcloneConfig, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(S3RcloneConfig, $"""
            [bench-s3]
            type = s3
            provider = Other
            endpoint = {s3rver.Endpoint}
            force_path_style = true
            access_key_id = {S3rverServer.AccessKeyId}
            secret_access_key = {S3rverServer.SecretAccessKey}

            """);
        S3RcloneRoot = $"bench-s3:{s3rver.Bucket}/{prefix}";
        var aft = new AftEntry("bench-s3", "s3", $"{s3rver.Bucket}/{prefix}",
            new Dictionary<string, string> { ["endpoint"] = s3rver.Endpoint },
            new Dictionary<string, string> { ["accessKeyId"] = S3rverServer.AccessKeyId, ["secretAccessKey"] = S3rverServer.SecretAccessKey });
        return new RemoteServer("S3", "s3rver", s3rver.Server.Process.Pid, new S3rverFiles(Path.Join(s3rver.Server.Directory, s3rver.Bucket), prefix), aft);
    }

    private async Task<IReadOnlyList<AftTool>> StartAftAsync(
        string label, IReadOnlyDictionary<string, string> configuration, IReadOnlyList<RemoteServer> remotes, int? maxConnections)
    {
        var node = await AftNode.StartAsync(label, configuration);
        _nodes.Add(node);
        return await AftTool.PrepareAsync(node, Local.Root, [.. remotes.Select(remote => remote.Aft)], maxConnections);
    }
}
