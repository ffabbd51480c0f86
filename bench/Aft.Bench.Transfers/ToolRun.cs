namespace Aft.Bench.Transfers;

/// <summary>One measured transfer by one tool.</summary>
/// <param name="Elapsed">Wall-clock time, from starting the tool (or submitting the job) to its end.</param>
/// <param name="ClientCpuSeconds">CPU the client used for it: the tool's processes, or the whole <c>aft serve</c> process.</param>
/// <param name="JobSpan">For AFT, the job's own <c>startedAt</c>..<c>finishedAt</c>.</param>
/// <param name="Diagnosis">For AFT, where its CPU went (threads) and its memory.</param>
public sealed record ToolRun(TimeSpan Elapsed, double ClientCpuSeconds, TimeSpan? JobSpan = null, AftDiagnosis? Diagnosis = null);
