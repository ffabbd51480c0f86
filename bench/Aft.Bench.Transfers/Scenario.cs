namespace Aft.Bench.Transfers;

/// <summary>One transfer every tool of the scenario makes, a warm-up transfer of the same kind, and what the copy must hold.</summary>
public sealed record Scenario(string Title, TransferCase Transfer, TransferCase WarmUp, ContentDigest Expected, IReadOnlyList<ITransferTool> Tools);
