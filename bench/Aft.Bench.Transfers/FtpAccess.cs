using Aft.Testing.Servers;

namespace Aft.Bench.Transfers;

/// <summary>
/// How curl reaches the run's vsftpd: the test account's login in a netrc file of the run's own folder (owner-only),
/// so the password is on no command line and in no output, and the URL of the folder that is the remote side.
/// </summary>
/// <param name="NetrcFile">The login for 127.0.0.1, owner-only.</param>
/// <param name="RootUrl"><c>ftp://127.0.0.1:PORT/folder</c>: the remote root, a folder below the account's chroot.</param>
public sealed record FtpAccess(string NetrcFile, string RootUrl)
{
    /// <param name="server">The vsftpd.</param>
    /// <param name="root">The remote root as an FTP path ("/t1").</param>
    /// <param name="folder">The run's folder.</param>
    public static async Task<FtpAccess> CreateAsync(FtpTestServer server, string root, string folder)
    {
        var netrc = Path.Combine(folder, "netrc");
        await File.WriteAllTextAsync(netrc, string.Empty);
        File.SetUnixFileMode(netrc, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(netrc, $"machine 127.0.0.1 login {FtpTestServer.User} password {server.Password}\n");
        return new FtpAccess(netrc, $"ftp://127.0.0.1:{server.Port}{root}");
    }
}
