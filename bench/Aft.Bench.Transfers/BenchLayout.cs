namespace Aft.Bench.Transfers;

/// <summary>
/// The two sides of every transfer: a local folder (AFT's disk VFS, the tools' local paths) and a folder on the
/// sshd (AFT's SFTP VFS root, the tools' remote paths). Both are on this machine's disk, so the benchmark can prepare
/// and check either side directly.
/// </summary>
public sealed record BenchLayout(string LocalRoot, string RemoteRoot)
{
    /// <summary>Where a VFS path ("/big/big.bin") of one side is on disk.</summary>
    public string OnDisk(Side side, string path) => (side == Side.Local ? LocalRoot : RemoteRoot) + path;
}
