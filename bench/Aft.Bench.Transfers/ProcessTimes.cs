namespace Aft.Bench.Transfers;

/// <summary>A process's parent and CPU seconds: its own, and those of the children it has reaped.</summary>
public sealed record ProcessTimes(int Parent, double OwnSeconds, double ReapedSeconds);
