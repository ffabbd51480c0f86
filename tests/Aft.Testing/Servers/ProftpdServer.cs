namespace Aft.Testing.Servers;

/// <summary>
/// proftpd (Debian's) on 127.0.0.1 with implicit FTPS (mod_tls, TLS from the first byte) and MLSD, run in the
/// foreground so the fixture owns the process. The test user is a virtual one (AuthUserFile, mapped to the local
/// user's ids and jailed to <see cref="FtpTestServer.RootFolder"/>). mod_tls requires data connections to reuse
/// the control connection's TLS session, as it does by default. Resumed uploads (REST + STOR) are allowed
/// unless the fixture asks for proftpd's default (AllowStoreRestart off, which refuses APPE as well).
/// </summary>
public sealed class ProftpdServer : FtpTestServer
{
    private ProftpdServer()
        : base("proftpd")
    {
    }

    /// <summary>What the server logged (in the foreground it logs to stderr): one "Login successful" line per login.</summary>
    public string Log => Process.Output;

    /// <summary>The transfer log (xferlog format: the 8th field is the bytes sent in that transfer).</summary>
    public string TransferLog => Read("xferlog");

    /// <summary>mod_tls's log: whether each data connection reused the session.</summary>
    public string TlsLog => Read("tls.log");

    public static Task<ProftpdServer> StartAsync(bool allowStoreRestart = true)
    {
        var server = new ProftpdServer();
        return StartedAsync(server, () => server.StartCoreAsync(allowStoreRestart));
    }

    private string Read(string name) => File.Exists(Path.Combine(Folder, name)) ? File.ReadAllText(Path.Combine(Folder, name)) : string.Empty;

    private async Task StartCoreAsync(bool allowStoreRestart)
    {
        var binary = TestServers.Find("proftpd", "/usr/sbin/proftpd");
        var hash = Run("openssl", ["passwd", "-6", "-stdin"], Password).Trim();
        var ids = Run("id", ["-u", User], string.Empty).Trim() + ":" + Run("id", ["-g", User], string.Empty).Trim();
        var users = Path.Combine(Folder, "passwd");
        File.WriteAllText(users, $"{User}:{hash}:{ids}::{RootFolder}:/bin/sh\n");
        File.SetUnixFileMode(users, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Port = LoopbackPorts.Free();
        var (first, last) = PassivePorts();
        var config = Path.Combine(Folder, "proftpd.conf");
        File.WriteAllText(config, $"""
            ServerName "aft test"
            ServerType standalone
            DefaultServer on
            Port {Port}
            DefaultAddress 127.0.0.1
            SocketBindTight on
            UseIPv6 off
            User nobody
            Group nogroup
            PidFile {Folder}/proftpd.pid
            ScoreboardFile {Folder}/scoreboard
            DelayTable none
            WtmpLog off
            UseReverseDNS off
            MaxInstances 200
            ModulePath /usr/lib/proftpd
            LoadModule mod_tls.c
            AuthOrder mod_auth_file.c
            AuthUserFile {users}
            RequireValidShell off
            DefaultRoot ~
            Umask 022
            AllowOverwrite on
            AllowStoreRestart {(allowStoreRestart ? "on" : "off")}
            PassivePorts {first} {last}
            TransferLog {Folder}/xferlog
            TLSEngine on
            TLSLog {Folder}/tls.log
            TLSProtocol TLSv1.2 TLSv1.3
            TLSRSACertificateFile {Certificate.CertificatePath}
            TLSRSACertificateKeyFile {Certificate.KeyPath}
            TLSOptions UseImplicitSSL
            TLSRequired on
            TLSVerifyClient off

            """);
        Started(await ServerProcess.StartAsync("proftpd", binary, ["-n", "-c", config], Port));
    }
}
