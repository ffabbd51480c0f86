namespace Aft.Testing.Servers;

/// <summary>
/// vsftpd on 127.0.0.1 (no MLSD, so clients fall back to LIST): the test user chrooted to
/// <see cref="FtpTestServer.RootFolder"/>, passive and active mode, optionally explicit FTPS with vsftpd's
/// default <c>require_ssl_reuse=YES</c>. The password is checked by a PAM service of its own (pam_userdb on a
/// file here), written to /etc/pam.d for the server's lifetime.
/// </summary>
public sealed class VsftpdServer : FtpTestServer
{
    private readonly string _pamService = $"aft-vsftpd-{Guid.NewGuid():N}"[..24];

    private VsftpdServer()
        : base("vsftpd")
    {
    }

    /// <summary>The session log: commands, replies ("PASS &lt;password&gt;" masked), logins, and with TLS whether data connections reused the session.</summary>
    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

    /// <summary>The transfer log (xferlog format: the 8th field is the bytes sent in that transfer).</summary>
    public string TransferLog => File.Exists(TransferLogPath) ? File.ReadAllText(TransferLogPath) : string.Empty;

    private string LogPath => Path.Combine(Folder, "vsftpd.log");

    private string TransferLogPath => Path.Combine(Folder, "xferlog");

    private string PamFile => Path.Combine("/etc/pam.d", _pamService);

    /// <param name="tls">Explicit FTPS.</param>
    /// <param name="settings">More vsftpd.conf lines ("cmds_denied=EPSV,EPRT", "idle_session_timeout=1").</param>
    public static Task<VsftpdServer> StartAsync(bool tls, params string[] settings)
    {
        var server = new VsftpdServer();
        return StartedAsync(server, () => server.StartCoreAsync(tls, settings));
    }

    public override void Dispose()
    {
        base.Dispose();
        File.Delete(PamFile);
    }

    private async Task StartCoreAsync(bool tls, string[] settings)
    {
        var binary = TestServers.Find("vsftpd", "vsftpd/usr/sbin/vsftpd");
        Directory.CreateDirectory("/var/run/vsftpd/empty");
        var users = Path.Combine(Folder, "users");
        Run("perl", ["-MDB_File", "-MFcntl", "-e",
            "tie my %h, 'DB_File', $ARGV[0], O_RDWR|O_CREAT, 0600, $DB_HASH or die $!; local $/; $h{$ARGV[1]} = <STDIN>; untie %h",
            users + ".db", User], Password);
        File.WriteAllText(PamFile, $"""
            auth required pam_userdb.so db={users} crypt=none
            account required pam_permit.so
            session required pam_permit.so

            """);

        Port = LoopbackPorts.Free();
        var (first, last) = PassivePorts();
        var config = Path.Combine(Folder, "vsftpd.conf");
        var lines = new List<string>
        {
            "listen=YES", "listen_address=127.0.0.1", $"listen_port={Port}", "background=NO", "seccomp_sandbox=NO",
            "anonymous_enable=NO", "local_enable=YES", "write_enable=YES", "local_umask=022", $"pam_service_name={_pamService}",
            $"local_root={RootFolder}", "chroot_local_user=YES", "allow_writeable_chroot=YES", "utf8_filesystem=YES",
            "pasv_enable=YES", "pasv_address=127.0.0.1", $"pasv_min_port={first}", $"pasv_max_port={last}",
            "port_enable=YES", "connect_from_port_20=NO", "max_clients=0", "max_per_ip=0",
            "xferlog_enable=YES", "xferlog_std_format=YES", $"xferlog_file={TransferLogPath}",
            "dual_log_enable=YES", $"vsftpd_log_file={LogPath}", "log_ftp_protocol=YES",
        };
        lines.AddRange(settings);
        if (tls)
        {
            lines.AddRange([
                "ssl_enable=YES", $"rsa_cert_file={Certificate.CertificatePath}", $"rsa_private_key_file={Certificate.KeyPath}",
                "allow_anon_ssl=NO", "force_local_logins_ssl=YES", "force_local_data_ssl=YES", "require_ssl_reuse=YES", "debug_ssl=YES",
            ]);
        }

        File.WriteAllLines(config, lines);
        Started(await ServerProcess.StartAsync("vsftpd", binary, [config], Port));
    }
}
