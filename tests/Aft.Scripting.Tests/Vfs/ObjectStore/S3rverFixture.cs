using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.S3;
using Aft.Testing.Servers;

namespace Aft.Scripting.Tests.Vfs.ObjectStore;

/// <summary>One s3rver for a test class; each backend it opens gets a fresh prefix of the bucket.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private S3rverServer? _server;

    public S3rverServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await S3rverServer.StartAsync();

    /// <summary>The definition of an s3 VFS on <paramref name="prefix"/> of the bucket.</summary>
    public VfsDefinition Definition(string prefix, Dictionary<string, string>? options = null) =>
        new("s3-test", "s3", $"{Server.Bucket}/{prefix}", new Dictionary<string, string>(options ?? []) { ["endpoint"] = Server.Endpoint },
            new Dictionary<string, string>());

    public static Dictionary<string, string> Credentials(string secret = S3rverServer.SecretAccessKey) => new()
    {
        [S3VfsBackendProvider.AccessKeyId] = S3rverServer.AccessKeyId,
        [S3VfsBackendProvider.SecretAccessKey] = secret,
    };

    /// <summary>Opens the VFS through the factory, as scripts do, with its own pools.</summary>
    public static IVfsBackend Open(VfsConnectionPools pools, VfsDefinition definition, Dictionary<string, string> credentials) =>
        new VfsBackendFactory([new S3VfsBackendProvider(pools)]).Create(definition, credentials);

    public Task DisposeAsync()
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }
}
