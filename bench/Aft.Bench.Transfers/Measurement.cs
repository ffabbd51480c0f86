namespace Aft.Bench.Transfers;

/// <summary>One measured run of one tool in one scenario, with the CPU the server (listener and sessions) used meanwhile.</summary>
public sealed record Measurement(Scenario Scenario, ITransferTool Tool, int Run, ToolRun Result, double ServerCpuSeconds);
