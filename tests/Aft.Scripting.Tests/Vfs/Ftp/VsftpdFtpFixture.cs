using Aft.Testing.Servers;

namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>vsftpd in plain FTP.</summary>
public sealed class VsftpdFtpFixture : FtpServerFixture
{
    public VsftpdServer Vsftpd => (VsftpdServer)Server;

    protected override string Type => "ftp";

    protected override async Task<FtpTestServer> StartAsync() => await VsftpdServer.StartAsync(tls: false);
}
