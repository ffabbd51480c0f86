namespace Aft.Scripting.Vfs.Connections;

/// <summary>One live connection to a remote endpoint (an SSH session, an FTP control connection, an object-store slot), kept in a <see cref="VfsConnectionPool{T}"/>.</summary>
public interface IVfsConnection : IDisposable
{
    /// <summary>Whether the connection still looks usable without a round trip.</summary>
    bool IsConnected { get; }

    /// <summary>A cheap round trip that throws when the connection no longer works; run before reusing one that sat idle.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
