using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.Ftp;
using Microsoft.Extensions.Options;

namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>An FTP VFS opened through the factory, as a script would, with connection pools of its own (closed on dispose).</summary>
public sealed class FtpTestVfs : IAsyncDisposable
{
    private FtpTestVfs(VfsConnectionPools pools, VfsBackendFactory factory, IVfsBackend backend)
    {
        Pools = pools;
        Factory = factory;
        Backend = backend;
    }

    public VfsConnectionPools Pools { get; }

    public VfsBackendFactory Factory { get; }

    public IVfsBackend Backend { get; }

    public static FtpTestVfs Open(string type, string target, IReadOnlyDictionary<string, string> options, string password, VfsConnectionOptions? connections = null)
    {
        var pools = new VfsConnectionPools(
            new LocalEndpointGate(Options.Create(connections ?? new VfsConnectionOptions()), TimeProvider.System), Options.Create(connections ?? new VfsConnectionOptions()), TimeProvider.System);
        var factory = FactoryWith(pools);
        var definition = new VfsDefinition("test", type, target, options, new Dictionary<string, string>());
        return new FtpTestVfs(pools, factory, factory.Create(definition, new Dictionary<string, string> { ["password"] = password }));
    }

    /// <summary>The factory with both FTP providers, as the service registers them.</summary>
    public static VfsBackendFactory FactoryWith(VfsConnectionPools pools) =>
        new([new FtpVfsBackendProvider(secure: false, pools), new FtpVfsBackendProvider(secure: true, pools)]);

    public async ValueTask DisposeAsync()
    {
        Backend.Dispose();
        await Pools.DisposeAsync();
    }
}
