using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.Ftp.Client;

namespace Aft.Scripting.Vfs.Ftp;

/// <summary>One logged-in FTP control connection in a <see cref="VfsConnectionPool{T}"/>; NOOP is its probe.</summary>
public sealed class FtpConnection(FtpClient client) : IVfsConnection
{
    public FtpClient Client => client;

    public bool IsConnected => client.IsConnected;

    public static async Task<FtpConnection> OpenAsync(FtpClientSettings settings, CancellationToken cancellationToken) =>
        new(await FtpClient.ConnectAsync(settings, cancellationToken));

    public Task ProbeAsync(CancellationToken cancellationToken) => client.NoopAsync(cancellationToken);

    public void Dispose() => client.Dispose();
}
