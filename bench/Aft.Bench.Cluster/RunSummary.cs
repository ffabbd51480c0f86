namespace Aft.Bench.Cluster;

/// <summary>Everything the report shows of one run.</summary>
/// <param name="Settings">The run's settings.</param>
/// <param name="Command">The command line that started it.</param>
/// <param name="Machine">The machine and the software measured.</param>
/// <param name="Postgres">The run's PostgreSQL and its version, as the server reports it.</param>
/// <param name="LoadBefore">The load averages when the run started.</param>
/// <param name="LoadAfter">The load averages when it ended.</param>
/// <param name="Scenarios">Each scenario's figures, in the order they ran.</param>
/// <param name="Backlog">The backlog's figures, or null when it was skipped or failed.</param>
/// <param name="BacklogFailure">Why the backlog failed, or null.</param>
/// <param name="Elapsed">The whole run's time.</param>
public sealed record RunSummary(
    BenchSettings Settings, string Command, Machine Machine, string Postgres, string LoadBefore, string LoadAfter,
    IReadOnlyList<ScenarioResult> Scenarios, BacklogResult? Backlog, string? BacklogFailure, TimeSpan Elapsed);
