using Aft.Scripting.Tests.Vfs.Contract;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Disk;

namespace Aft.Scripting.Tests.Vfs.Disk;

public sealed class DiskVfsBackendContractTests : VfsBackendContract
{
    private readonly TempDirectory _temp = new();

    protected override Task<IVfsBackend> OpenEmptyAsync() => Task.FromResult<IVfsBackend>(new DiskVfsBackend(_temp.Path));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _temp.Dispose();
    }
}
