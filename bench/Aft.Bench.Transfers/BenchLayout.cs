namespace Aft.Bench.Transfers;

/// <summary>
/// How a command-line tool addresses the two sides of every transfer: the local folder, and the remote side's root
/// as that tool names it (the folder on the sshd for sftp, <c>ftp://127.0.0.1:PORT/folder</c> for curl, an rclone
/// remote such as <c>:sftp,host=…:/home/…</c> or <c>bench-s3:bucket/prefix</c>).
/// </summary>
public sealed record BenchLayout(string LocalRoot, string RemoteRoot)
{
    /// <summary>Where the tool finds a VFS path ("/big/big.bin") of one side.</summary>
    public string Address(Side side, string path) => (side == Side.Local ? LocalRoot : RemoteRoot) + path;
}
