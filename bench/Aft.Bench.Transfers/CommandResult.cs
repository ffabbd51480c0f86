namespace Aft.Bench.Transfers;

/// <summary>What a command wrote (stdout, then stderr), how long it ran and the CPU seconds it and its children used.</summary>
public sealed record CommandResult(string Output, TimeSpan Elapsed, double CpuSeconds);
