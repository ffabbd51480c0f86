using Aft.Scripting.Vfs;

namespace Aft.Scripting.Tests.Vfs.Transfers;

/// <summary>Passes every call to a real backend; tests override the one call whose failure they stage.</summary>
public abstract class ForwardingBackend(IVfsBackend inner) : IVfsBackend
{
    public virtual VfsCapabilities Capabilities => inner.Capabilities;
    public virtual Task<VfsEntry> StatAsync(string path, CancellationToken cancellationToken) => inner.StatAsync(path, cancellationToken);
    public Task<VfsEntry> LstatAsync(string path, CancellationToken cancellationToken) => inner.LstatAsync(path, cancellationToken);
    public Task<IReadOnlyList<VfsEntry>> ListAsync(string path, CancellationToken cancellationToken) => inner.ListAsync(path, cancellationToken);
    public Task MkdirAsync(string path, bool parents, CancellationToken cancellationToken) => inner.MkdirAsync(path, parents, cancellationToken);
    public Task RmdirAsync(string path, CancellationToken cancellationToken) => inner.RmdirAsync(path, cancellationToken);
    public Task RenameAsync(string source, string target, CancellationToken cancellationToken) => inner.RenameAsync(source, target, cancellationToken);
    public Task RemoveAsync(string path, bool recursive, CancellationToken cancellationToken) => inner.RemoveAsync(path, recursive, cancellationToken);
    public Task SymlinkAsync(string target, string link, CancellationToken cancellationToken) => inner.SymlinkAsync(target, link, cancellationToken);
    public Task ChmodAsync(string path, int mode, CancellationToken cancellationToken) => inner.ChmodAsync(path, mode, cancellationToken);
    public Task ChtimesAsync(string path, DateTimeOffset accessTime, DateTimeOffset modificationTime, CancellationToken cancellationToken) =>
        inner.ChtimesAsync(path, accessTime, modificationTime, cancellationToken);
    public Task TruncateAsync(string path, long size, CancellationToken cancellationToken) => inner.TruncateAsync(path, size, cancellationToken);
    public virtual Task<Stream> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) => inner.OpenReadAsync(path, offset, cancellationToken);
    public Task<VfsWriteResult> WriteAsync(string path, VfsContent content, VfsWriteOptions options, CancellationToken cancellationToken) =>
        inner.WriteAsync(path, content, options, cancellationToken);
    public Task<long> TreeSizeAsync(string path, CancellationToken cancellationToken) => inner.TreeSizeAsync(path, cancellationToken);
    public void Dispose() => inner.Dispose();
}
