using Aft.Scripting.Tests.Vfs.Contract;
using Aft.Scripting.Vfs;

namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>The contract suite on a new folder of an FTP server for each test.</summary>
public abstract class FtpContract<TFixture>(TFixture fixture, IReadOnlyDictionary<string, string>? options = null) : VfsBackendContract, IClassFixture<TFixture>
    where TFixture : FtpServerFixture
{
    private FtpTestVfs? _vfs;

    protected override Task<IVfsBackend> OpenEmptyAsync()
    {
        _vfs = fixture.Open(fixture.Server.NewFolder(), options);
        return Task.FromResult(_vfs.Backend);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_vfs is not null)
        {
            await _vfs.DisposeAsync();
        }
    }
}
