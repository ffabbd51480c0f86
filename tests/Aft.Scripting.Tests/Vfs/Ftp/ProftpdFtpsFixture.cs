using Aft.Testing.Servers;

namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>proftpd with implicit FTPS and MLSD; the VFS pins the server's self-signed certificate.</summary>
public sealed class ProftpdFtpsFixture : FtpServerFixture
{
    public ProftpdServer Proftpd => (ProftpdServer)Server;

    protected override string Type => "ftps";

    protected override async Task<FtpTestServer> StartAsync() => await ProftpdServer.StartAsync();

    protected override IReadOnlyDictionary<string, string> BaseOptions() =>
        new Dictionary<string, string> { ["tls"] = "implicit", ["tlsCertSha256"] = Server.Certificate.Sha256 };
}
