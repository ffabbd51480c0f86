namespace Aft.Bench.Transfers;

/// <summary>Copy <paramref name="Path"/> (a file or a folder) from side <paramref name="From"/> into the folder <paramref name="Into"/> of the other side, where it keeps its name.</summary>
public sealed record TransferCase(Side From, string Path, string Into)
{
    public Side To => From == Side.Local ? Side.Remote : Side.Local;

    /// <summary>The VFS path of the copy.</summary>
    public string Result => Into.TrimEnd('/') + "/" + System.IO.Path.GetFileName(Path);

    public string Direction => From == Side.Local ? "upload" : "download";
}
