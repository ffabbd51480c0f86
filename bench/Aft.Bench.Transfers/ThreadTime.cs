namespace Aft.Bench.Transfers;

/// <summary>A thread's name (truncated to 15 characters by the kernel) and the CPU seconds it used.</summary>
public sealed record ThreadTime(string Name, double CpuSeconds);
