using System.Security.Cryptography;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.AzureBlob;
using Aft.Scripting.Vfs.Connections;
using Aft.Testing.Servers;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Aft.Scripting.Tests.Vfs.ObjectStore;

public sealed class AzuriteFixture : ObjectStoreFixture
{
    private AzuriteServer? _azurite;

    public AzuriteServer Azurite => _azurite ?? throw new InvalidOperationException("not started");

    public override NodeServer Server => Azurite.Server;

    public override IReadOnlyDictionary<string, string> Credentials { get; } = new Dictionary<string, string>
    {
        [AzureBlobVfsBackendProvider.AccountKey] = AzuriteServer.AccountKey,
    };

    public override IReadOnlyDictionary<string, string> WrongCredentials() => new Dictionary<string, string>
    {
        [AzureBlobVfsBackendProvider.AccountKey] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)),
    };

    /// <summary>The test container, seen directly through the SDK (what the service holds, not what the VFS says).</summary>
    public BlobContainerClient Blobs => new(Azurite.ConnectionString, Container);

    public override VfsDefinition Definition(string prefix) =>
        new("azure-test", "azureblob", $"{Container}/{prefix}",
            new Dictionary<string, string> { ["endpoint"] = Azurite.Endpoint, ["account"] = AzuriteServer.Account }, new Dictionary<string, string>());

    public override string ScriptType => "VfsTypeAzure";

    public override IVfsBackendProvider Provider(VfsConnectionPools pools) => new AzureBlobVfsBackendProvider(pools);

    /// <summary>The sizes of the uncommitted blocks the service holds for <paramref name="key"/>.</summary>
    public async Task<IReadOnlyList<long>> StagedBlocksAsync(string key)
    {
        var blocks = await Blobs.GetBlockBlobClient(key).GetBlockListAsync(BlockListTypes.Uncommitted);
        return [.. blocks.Value.UncommittedBlocks.Select(block => block.SizeLong)];
    }

    /// <summary>Azurite saves its metadata every few seconds, so a kill may lose the container: it is made again.</summary>
    public override async Task RestartAsync()
    {
        await base.RestartAsync();
        await Blobs.CreateIfNotExistsAsync();
    }

    public override async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        await Blobs.CreateIfNotExistsAsync();
    }

    public override Task DisposeAsync()
    {
        _azurite?.Dispose();
        return Task.CompletedTask;
    }
}
