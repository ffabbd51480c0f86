using System.Text;

namespace Aft.Bench.Cluster;

/// <summary>A run's figures as Markdown: how they were taken, each scenario's, AFT's against the peer's, and the backlog's.</summary>
public static class Report
{
    private const double MiB = 1024 * 1024;

    public static string Render(RunSummary run)
    {
        var report = new StringBuilder();
        var settings = run.Settings;
        Line(report, $"## AFT against Hangfire on PostgreSQL: submissions, end to end, backlog ({DateTime.UtcNow:yyyy-MM-dd})");
        Line(report);
        Line(report, $"Machine: {run.Machine.Cpu}, {run.Machine.Cores} cores, {run.Machine.Os}, {run.Machine.Dotnet}. The load generator, every " +
            $"server measured and PostgreSQL share these {run.Machine.Cores} cores. Load average (1/5/15 min) {run.LoadBefore} at the start, {run.LoadAfter} at the end.");
        Line(report);
        Line(report, $"Software: AFT at {run.Machine.Aft} (src/Aft.Cli's aft.dll); {run.Postgres}, started by the run at its defaults but " +
            $"`max_connections=300` (commits wait for fsync); the peer on {run.Machine.Hangfire}.");
        Line(report);
        Line(report, $"Command: `{run.Command}`. Whole run: **{run.Elapsed.TotalMinutes:0.0} min**.");
        Line(report);
        Line(report, "Scenarios, one after the other in this run, each on a fresh database of the same PostgreSQL or a fresh data dir:");
        Line(report);
        foreach (var (result, number) in run.Scenarios.Select((result, index) => (result, index + 1)))
        {
            Line(report, $"{number}. **{result.Scenario.Name}**: {result.Scenario.Description}");
        }

        Line(report);
        Line(report, $"Every client holds one keep-alive HTTPS connection (TLS to a self-signed ECDSA P-256 certificate, which the clients do not " +
            $"check) and sends its next request when the answer to the last one arrived. *Durable submissions*: {ClusterBenchmark.Clients} clients " +
            $"submit trivial jobs for {settings.Duration.TotalSeconds:0} s after {settings.Warmup.TotalSeconds:0} s of warm-up while the jobs " +
            "also run; a submission counts when answered 202 (stored); *errors* are other answers, refused connections and timeouts (30 s). " +
            "AFT's trivial job is a stored script `Log.Info(\"x\"); Exit(0);` (one log line stored); Hangfire's does nothing. *Drained* is how long " +
            "the jobs of that load took to end after it stopped. *End to end*: " +
            $"{settings.Jobs} jobs of a new batch submitted by {ClusterBenchmark.Clients} clients, timed from the first submission until none " +
            "is unfinished (the clients' connections are opened within that time). Unfinished jobs are polled every 50 ms: AFT's " +
            "`queued + running + retrying` of `GET /v1/cluster` (the whole cluster), Hangfire's enqueued + fetched + scheduled (retries) from its " +
            "monitoring API. How the batch's jobs ended is counted afterwards: AFT's by listing the jobs of the batch's own script, Hangfire's from " +
            "its statistics before and after.");

        RenderSubmissions(report, run.Scenarios);
        RenderEndToEnd(report, run.Scenarios);
        RenderRatios(report, run.Scenarios);
        if (settings.Backlog > 0)
        {
            RenderBacklog(report, run.Backlog, run.BacklogFailure);
        }

        return report.ToString();
    }

    private static void RenderSubmissions(StringBuilder report, IReadOnlyList<ScenarioResult> results)
    {
        Line(report);
        Line(report, "### Durable submissions under load");
        Line(report);
        Line(report, "| system | submissions/s | p50 ms | p99 ms | errors | drained in s |");
        Line(report, "|---|---|---|---|---|---|");
        foreach (var result in results)
        {
            Line(report, result.Load is { } load
                ? $"| {result.Scenario.Name} | **{load.AcceptedPerSecond:0}** | {load.P50Ms:0.0} | {load.P99Ms:0.0} | {load.Errors} | {Seconds(result.Drained)} |"
                : $"| {result.Scenario.Name} | failed | | | | |");
        }

        RenderFailures(report, results);
    }

    private static void RenderEndToEnd(StringBuilder report, IReadOnlyList<ScenarioResult> results)
    {
        Line(report);
        Line(report, "### End to end");
        Line(report);
        Line(report, "| system | jobs | s | jobs/s | succeeded | not succeeded | submissions refused | servers' RSS at the end MiB |");
        Line(report, "|---|---|---|---|---|---|---|---|");
        foreach (var result in results)
        {
            Line(report, result.EndToEnd is { } run
                ? $"| {result.Scenario.Name} | {run.Jobs} | {run.Elapsed.TotalSeconds:0.00} | **{run.JobsPerSecond:0}** | {run.Outcomes.Succeeded} " +
                  $"| {NotSucceeded(run.Outcomes)} | {run.Refused} | {result.RssBytes / MiB:0} |"
                : $"| {result.Scenario.Name} | failed | | | | | | |");
        }
    }

    private static void RenderRatios(StringBuilder report, IReadOnlyList<ScenarioResult> results)
    {
        var peer = results.Single(result => result.Scenario.IsPeer);
        Line(report);
        Line(report, $"### AFT ÷ {peer.Scenario.Name}");
        Line(report);
        Line(report, "Above 1.00 AFT is ahead. The project's stated goal is AFT ahead of Hangfire on both.");
        Line(report);
        Line(report, "| AFT | submissions/s | end-to-end jobs/s | ahead on both |");
        Line(report, "|---|---|---|---|");
        foreach (var aft in results.Where(result => !result.Scenario.IsPeer))
        {
            var submissions = Ratio(aft.Load?.AcceptedPerSecond, peer.Load?.AcceptedPerSecond);
            var endToEnd = Ratio(aft.EndToEnd?.JobsPerSecond, peer.EndToEnd?.JobsPerSecond);
            var ahead = submissions is null || endToEnd is null ? "n/a" : submissions > 1 && endToEnd > 1 ? "yes" : "no";
            Line(report, $"| {aft.Scenario.Name} | **{Format(submissions)}** | **{Format(endToEnd)}** | {ahead} |");
        }
    }

    private static void RenderBacklog(StringBuilder report, BacklogResult? backlog, string? failure)
    {
        Line(report);
        Line(report, "### Backlog");
        Line(report);
        if (backlog is null)
        {
            Line(report, $"Failed: {failure}");
            return;
        }

        Line(report, $"AFT, 1 silo on PostgreSQL started with `Aft__Jobs__MaxConcurrentJobs=1`: a job of the stored script `WaitForHaltSignal();` " +
            $"took the only slot, then {backlog.Jobs} more jobs of it were submitted by {ClusterBenchmark.Clients} clients in " +
            $"{backlog.Elapsed.TotalSeconds:0} s, all left queued. Tenths are in the order the answers came; RSS is the silo's `VmRSS` at the " +
            $"end of each tenth ({backlog.RssBeforeBytes / MiB:0} MiB before the first).");
        Line(report);
        Line(report, "| tenth | submissions | s | submissions/s | p99 ms | errors | silo RSS MiB |");
        Line(report, "|---|---|---|---|---|---|---|");
        foreach (var tenth in backlog.Tenths)
        {
            Line(report, $"| {tenth.Number} | {tenth.Submissions} | {tenth.Elapsed.TotalSeconds:0.0} | {tenth.SubmissionsPerSecond:0} | {tenth.P99Ms:0.0} " +
                $"| {tenth.Errors} | {tenth.RssBytes / MiB:0} |");
        }

        var (first, last) = (backlog.Tenths[0], backlog.Tenths[^1]);
        Line(report);
        Line(report, $"Last tenth ÷ first: **{last.SubmissionsPerSecond / first.SubmissionsPerSecond:0.00}** of the rate; RSS " +
            $"**{first.RssBytes / MiB:0} → {last.RssBytes / MiB:0} MiB** from the end of the first tenth to the end of the last. At the end the " +
            $"cluster counted {backlog.AtEnd.Queued} queued and {backlog.AtEnd.Running} running jobs (expected: {backlog.Jobs - backlog.Errors.Total} and 1). " +
            $"Errors: {backlog.Errors}.");
    }

    private static void RenderFailures(StringBuilder report, IReadOnlyList<ScenarioResult> results)
    {
        foreach (var failed in results.Where(result => result.Failure is not null))
        {
            Line(report);
            Line(report, $"**{failed.Scenario.Name} failed**: {failed.Failure}");
        }
    }

    private static string NotSucceeded(JobOutcomes outcomes) =>
        outcomes.NotSucceeded == 0 ? "0" : string.Join(", ", outcomes.Otherwise.Select(status => $"{status.Value} {status.Key}"));

    private static double? Ratio(double? aft, double? peer) => aft is { } ours && peer is > 0 and var theirs ? ours / theirs : null;

    private static string Format(double? ratio) => ratio is { } value ? $"{value:0.00}" : "n/a";

    private static string Seconds(TimeSpan? elapsed) => elapsed is { } value ? $"{value.TotalSeconds:0.0}" : "n/a";

    // Numbers print with a '.' whatever the machine's locale: the solution runs with InvariantGlobalization.
    private static void Line(StringBuilder report, string text = "") => report.AppendLine(text);
}
