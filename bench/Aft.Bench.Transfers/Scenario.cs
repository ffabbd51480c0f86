namespace Aft.Bench.Transfers;

/// <summary>One transfer every tool of the scenario makes with <paramref name="Remote"/>, a warm-up transfer of the same kind, and what the copy must hold.</summary>
public sealed record Scenario(string Title, RemoteServer Remote, TransferCase Transfer, TransferCase WarmUp, ContentDigest Expected, IReadOnlyList<ITransferTool> Tools)
{
    /// <summary>Whether this is the small-files scenario (a tree) rather than the large file.</summary>
    public bool SmallFiles => Expected.Files > 1;
}
