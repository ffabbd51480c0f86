using Aft.Scripting.Tests.Vfs.Contract;
using Aft.Scripting.Vfs;

namespace Aft.Scripting.Tests.Vfs.Sftp;

public sealed class SftpVfsBackendContractTests(SshdFixture sshd) : VfsBackendContract, IClassFixture<SshdFixture>
{
    protected override Task<IVfsBackend> OpenEmptyAsync() => Task.FromResult(sshd.Open(sshd.Definition()));
}
