using Aft.Scripting.Tests.Vfs.Contract;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Connections;

namespace Aft.Scripting.Tests.Vfs.ObjectStore;

public sealed class S3VfsBackendContractTests(S3rverFixture s3rver) : VfsBackendContract, IClassFixture<S3rverFixture>
{
    private readonly VfsConnectionPools _pools = TestPools.Create();

    protected override Task<IVfsBackend> OpenEmptyAsync() =>
        Task.FromResult(S3rverFixture.Open(_pools, s3rver.Definition($"contract-{Guid.NewGuid():N}"), S3rverFixture.Credentials()));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _pools.DisposeAsync();
    }
}
