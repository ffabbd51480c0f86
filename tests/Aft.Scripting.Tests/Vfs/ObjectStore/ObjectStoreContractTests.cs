using Aft.Scripting.Tests.Vfs.Contract;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Connections;

namespace Aft.Scripting.Tests.Vfs.ObjectStore;

/// <summary>The contract suite on a fresh prefix of a real object-store server for each test.</summary>
public abstract class ObjectStoreContractTests<TFixture>(TFixture fixture) : VfsBackendContract, IClassFixture<TFixture>
    where TFixture : ObjectStoreFixture
{
    private readonly VfsConnectionPools _pools = TestPools.Create();

    protected override Task<IVfsBackend> OpenEmptyAsync() => Task.FromResult(fixture.Open(_pools, $"contract-{Guid.NewGuid():N}"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _pools.DisposeAsync();
    }
}

public sealed class S3VfsBackendContractTests(S3rverFixture s3rver) : ObjectStoreContractTests<S3rverFixture>(s3rver);

public sealed class AzureBlobVfsBackendContractTests(AzuriteFixture azurite) : ObjectStoreContractTests<AzuriteFixture>(azurite);
