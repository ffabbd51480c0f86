namespace Aft.Scripting.Vfs.Transfers;

/// <summary>One file of a <see cref="TransferProgress"/>.</summary>
public sealed class FileProgress
{
    private readonly TransferProgress _owner;
    private long _position;

    internal FileProgress(TransferProgress owner, long id, string path)
    {
        _owner = owner;
        Id = id;
        Path = path;
    }

    internal long Id { get; }

    public string Path { get; }

    /// <summary>Bytes of this file stored so far (resumed bytes included).</summary>
    public long Position => Volatile.Read(ref _position);

    public void At(long position)
    {
        Volatile.Write(ref _position, position);
        _owner.Moved();
    }

    public void Completed(long bytes) => _owner.End(this, TransferProgress.FileEnd.Completed, bytes);

    public void Skipped(long bytes) => _owner.End(this, TransferProgress.FileEnd.Skipped, bytes);

    public void Failed(long bytes) => _owner.End(this, TransferProgress.FileEnd.Failed, bytes);
}
