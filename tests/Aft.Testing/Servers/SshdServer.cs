using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Aft.Testing.Servers;

/// <summary>
/// OpenSSH's sshd on a free loopback port with its own host key, config and log, serving SFTP (internal-sftp) to
/// <see cref="TestUser"/> by password or by the client keys it makes. Tests get a fresh folder each (<see cref="NewRoot"/>) under the user's home.
/// </summary>
public sealed partial class SshdServer : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _config;
    private readonly List<string> _roots = [];
    private ServerProcess? _process;

    private readonly bool _passwordByKeyboardInteractive;

    private SshdServer(string dir, int port, bool passwordByKeyboardInteractive)
    {
        _dir = dir;
        Port = port;
        _passwordByKeyboardInteractive = passwordByKeyboardInteractive;
        _config = Path.Combine(dir, "sshd_config");
    }

    public int Port { get; }

    public string Target => $"127.0.0.1:{Port}";

    /// <summary>The server's host key fingerprint in OpenSSH's form.</summary>
    public string HostKeySha256 { get; private set; } = string.Empty;

    /// <summary>An ed25519 client key in OpenSSH's format, without a passphrase, authorized for the test user.</summary>
    public string OpenSshKey { get; private set; } = string.Empty;

    /// <summary>An RSA client key in PEM format, encrypted with <see cref="KeyPassphrase"/>, authorized for the test user.</summary>
    public string PemKey { get; private set; } = string.Empty;

    /// <summary>An RSA client key in PuTTY's .ppk format, encrypted with <see cref="KeyPassphrase"/>, authorized for the test user.</summary>
    public string PuttyKey { get; private set; } = string.Empty;

    public string KeyPassphrase { get; } = "key-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>What sshd logged so far (logins, and internal-sftp's open/close lines with bytes read and written).</summary>
    public string Log => (File.Exists(LogFile) ? ReadShared(LogFile) : string.Empty);

    private string LogFile => Path.Combine(_dir, "sshd.log");

    /// <summary>Successful logins so far.</summary>
    public int Logins => AcceptedLogin().Matches(Log).Count;

    /// <param name="passwordByKeyboardInteractive">
    /// Ask for the password only through keyboard-interactive prompts (PAM), as servers with PAM-only password logins
    /// do, instead of SSH's password method.
    /// </param>
    public static async Task<SshdServer> StartAsync(bool passwordByKeyboardInteractive = false)
    {
        var server = new SshdServer(Directory.CreateTempSubdirectory("aft-sshd-").FullName, LoopbackPorts.Free(), passwordByKeyboardInteractive);
        await server.PrepareAsync();
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>A new empty folder owned by the test user; its absolute path is the <c>root</c> option of a VFS on it.</summary>
    public string NewRoot()
    {
        var root = Path.Combine(TestUser.Home, "sftp-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        GiveToUser(root);
        lock (_roots)
        {
            _roots.Add(root);
        }

        return root;
    }

    /// <summary>Hands files a test made on the server's disk (as root) to the test user, folders and all, so SFTP can change them.</summary>
    public static void GiveToUser(string path) => RunAsync("chown", "-R", $"{TestUser.Name}:{TestUser.Name}", path).GetAwaiter().GetResult();

    /// <summary>
    /// Bytes the newest session has read from the network so far (its process's <c>rchar</c>: with privilege
    /// separation the session's unprivileged process does all of its network reading). The session must still be open.
    /// </summary>
    public long BytesReceivedByNewestSession()
    {
        var pid = UserChild().Matches(Log).Last().Groups["pid"].Value;
        var io = File.ReadAllLines($"/proc/{pid}/io");
        return long.Parse(io.Single(line => line.StartsWith("rchar:", StringComparison.Ordinal))["rchar:".Length..].Trim());
    }

    /// <summary>Kills every session (the per-connection sshd processes) with SIGKILL; the listener stays up.</summary>
    public void KillSessions()
    {
        var sessions = Descendants(_process!.Pid).ToList();
        ServerProcess.Signal(sessions, "STOP");
        sessions.ForEach(ServerProcess.KillAndWait);
    }

    /// <summary>Kills the whole server, listener and sessions; the listener is stopped first so it cannot accept a new session meanwhile.</summary>
    public void Kill()
    {
        // Freeze the listener, then every session, at once: nothing moves while they are killed one by one.
        ServerProcess.Signal(_process!.Pid, "STOP");
        var sessions = Descendants(_process.Pid).ToList();
        ServerProcess.Signal(sessions, "STOP");
        _process.Dispose();
        _process = null;
        sessions.ForEach(ServerProcess.KillAndWait);
    }

    /// <summary>Starts it again on the same port with the same keys.</summary>
    public Task RestartAsync() => StartProcessAsync();

    public ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            Kill();
        }

        Directory.Delete(_dir, recursive: true);
        lock (_roots)
        {
            _roots.Where(Directory.Exists).ToList().ForEach(root => Directory.Delete(root, recursive: true));
        }

        return ValueTask.CompletedTask;
    }

    private async Task PrepareAsync()
    {
        // sshd refuses to start without its privilege separation folder.
        Directory.CreateDirectory("/run/sshd");
        var hostKey = Path.Combine(_dir, "host_ed25519");
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey);
        var blob = Convert.FromBase64String((await File.ReadAllTextAsync(hostKey + ".pub")).Split(' ')[1]);
        HostKeySha256 = "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(blob)).TrimEnd('=');

        var ed25519 = Path.Combine(_dir, "client_ed25519");
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", ed25519);
        var rsa = Path.Combine(_dir, "client_rsa");
        await RunAsync("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", KeyPassphrase, "-f", rsa);
        await RunAsync("puttygen", rsa, "--old-passphrase", PassphraseFile(), "--new-passphrase", PassphraseFile(), "-O", "private", "-o", rsa + ".ppk");
        OpenSshKey = await File.ReadAllTextAsync(ed25519);
        PemKey = await File.ReadAllTextAsync(rsa);
        PuttyKey = await File.ReadAllTextAsync(rsa + ".ppk");

        var authorized = Path.Combine(_dir, "authorized_keys");
        await File.WriteAllTextAsync(authorized, await File.ReadAllTextAsync(ed25519 + ".pub") + await File.ReadAllTextAsync(rsa + ".pub"));
        // sshd reads the keys as the test user.
        await RunAsync("chmod", "755", _dir);
        await RunAsync("chmod", "644", authorized);

        await File.WriteAllTextAsync(_config, $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {hostKey}
            PidFile {Path.Combine(_dir, "sshd.pid")}
            AuthorizedKeysFile {authorized}
            StrictModes no
            UsePAM {YesNo(_passwordByKeyboardInteractive)}
            PasswordAuthentication {YesNo(!_passwordByKeyboardInteractive)}
            KbdInteractiveAuthentication {YesNo(_passwordByKeyboardInteractive)}
            PubkeyAuthentication yes
            PermitRootLogin no
            AllowUsers {TestUser.Name}
            MaxStartups 200
            MaxSessions 200
            LogLevel VERBOSE
            Subsystem sftp internal-sftp
            """);
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private string PassphraseFile()
    {
        var file = Path.Combine(_dir, "passphrase");
        File.WriteAllText(file, KeyPassphrase);
        return file;
    }

    private async Task StartProcessAsync() =>
        _process = await ServerProcess.StartAsync("sshd", TestServers.Find("sshd (openssh-server)", "/usr/sbin/sshd"), ["-D", "-E", LogFile, "-f", _config], Port);

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    private static IEnumerable<int> Descendants(int pid) =>
        ServerProcess.ChildrenOf(pid).SelectMany(child => Descendants(child).Append(child));

    private static Task RunAsync(string file, params string[] arguments) => TestServers.RunToolAsync(file, arguments);

    [GeneratedRegex(@"Accepted (password|publickey) for ")]
    private static partial Regex AcceptedLogin();

    [GeneratedRegex(@"User child is on pid (?<pid>\d+)")]
    private static partial Regex UserChild();
}
