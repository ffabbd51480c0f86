using System.Diagnostics;
using Aft.Testing.Servers;
using Npgsql;

namespace Aft.Bench.Cluster;

/// <summary>
/// One run: the run's own PostgreSQL, then every scenario one after the other, each on a fresh database or data dir
/// (durable submissions under load, the drain of their jobs, an end-to-end batch), then the backlog. Prints the
/// Markdown report; progress goes to stderr.
/// </summary>
public static class ClusterBenchmark
{
    /// <summary>Closed-loop clients in every measurement.</summary>
    public const int Clients = 64;

    /// <summary>The longest a drain, an end-to-end batch or the backlog's submissions may take.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    private static readonly Scenario EmbeddedNode = new(
        "AFT, 1 node, SQLite", "`aft serve` on its default store, the embedded SQLite database in its data dir.", IsPeer: false,
        async (_, cancellation) => await AftSystem.StartEmbeddedAsync(cancellation));

    private static readonly Scenario OnePostgresSilo = new(
        "AFT, 1 silo, PostgreSQL", "one `aft serve` silo on a database of the run's PostgreSQL (schema by `aft db init`).", IsPeer: false,
        async (postgres, cancellation) => await AftSystem.StartOnPostgresAsync(
            await postgres.CreateDatabaseAsync("aft_one_silo"), 1, new Dictionary<string, string>(), cancellation));

    private static readonly Scenario TwoPostgresSilos = new(
        "AFT, 2 silos, PostgreSQL", "two `aft serve` silos sharing a database of that PostgreSQL (the same secrets key, a silo port each); " +
        "the clients split evenly over their two HTTPS ports.", IsPeer: false,
        async (postgres, cancellation) => await AftSystem.StartOnPostgresAsync(
            await postgres.CreateDatabaseAsync("aft_two_silos"), 2, new Dictionary<string, string>(), cancellation));

    // The peer's settings are in bench/Aft.Bench.Hangfire/Program.cs; the description repeats what matters of them.
    private static readonly Scenario HangfireOnPostgres = new(
        "Hangfire, PostgreSQL", "bench/Aft.Bench.Hangfire: an ASP.NET Core app with Hangfire and Hangfire.PostgreSql on a database of that " +
        "PostgreSQL. `POST /v1/jobs` enqueues a static method that does nothing and answers 202 with the job id; a Hangfire server in the " +
        "same process runs the jobs with 32 workers (AFT's slots per node). Its queue poll is 50 ms, the shortest Hangfire.PostgreSql " +
        "accepts without `AllowUnsafeValues` (Hangfire's setup guide polls SQL Server without delay; a job enqueued in the process wakes a " +
        "worker at once either way). Its thread pool starts with 16 threads, as AFT's does, since Hangfire's enqueue blocks a thread on the " +
        "database.", IsPeer: true,
        async (postgres, cancellation) => await HangfirePeer.StartAsync(await postgres.CreateDatabaseAsync("hangfire"), cancellation));

    private static readonly Scenario[] Scenarios = [EmbeddedNode, OnePostgresSilo, TwoPostgresSilos, HangfireOnPostgres];

    public static async Task<int> RunAsync(BenchSettings settings, string command, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var loadBefore = Machine.LoadAverage();
        var machine = await Machine.DescribeAsync(cancellation);
        Progress(clock, "starting PostgreSQL");
        using var postgres = await PostgresServer.StartAsync(durable: true);
        var postgresVersion = await ServerVersionAsync(postgres, cancellation);
        var results = new List<ScenarioResult>();
        foreach (var scenario in Scenarios)
        {
            results.Add(await MeasureAsync(scenario, postgres, settings, clock, cancellation));
        }

        BacklogResult? backlog = null;
        string? backlogFailure = null;
        if (settings.Backlog > 0)
        {
            try
            {
                backlog = await MeasureBacklogAsync(postgres, settings.Backlog, results.Single(result => result.Scenario == OnePostgresSilo).Load, clock, cancellation);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                backlogFailure = ex.Message;
            }
        }

        var report = Report.Render(new RunSummary(
            settings, command, machine, postgresVersion, loadBefore, Machine.LoadAverage(), results, backlog, backlogFailure, clock.Elapsed));
        Console.WriteLine(report);
        if (settings.OutFile is { } outFile)
        {
            await File.WriteAllTextAsync(outFile, report, cancellation);
        }

        return results.Any(result => result.Failure is not null) || backlogFailure is not null ? 1 : 0;
    }

    /// <summary>
    /// Starts the scenario's system on a fresh database or data dir and measures it. A failure is reported with what
    /// was measured before it, and the run goes on to the next scenario.
    /// </summary>
    private static async Task<ScenarioResult> MeasureAsync(
        Scenario scenario, PostgresServer postgres, BenchSettings settings, Stopwatch clock, CancellationToken cancellation)
    {
        LoadResult? load = null;
        TimeSpan? drained = null;
        EndToEndResult? endToEnd = null;
        try
        {
            Progress(clock, $"{scenario.Name}: starting");
            using var system = await scenario.StartAsync(postgres, cancellation);
            Progress(clock, $"{scenario.Name}: durable submissions for {settings.Duration.TotalSeconds:0} s after {settings.Warmup.TotalSeconds:0} s of warm-up");
            var loadBatch = await system.NewBatchAsync("load", cancellation);
            load = await LoadGenerator.RunAsync(system, loadBatch.SubmitBody, Clients, settings.Warmup, settings.Duration, cancellation);
            Progress(clock, $"{scenario.Name}: {load.AcceptedPerSecond:0} submissions/s; waiting for their jobs to end");
            drained = await Drain.UntilIdleAsync(system, Limit, cancellation);
            Progress(clock, $"{scenario.Name}: end to end, {settings.Jobs} jobs");
            endToEnd = await EndToEndRun.RunAsync(system, settings.Jobs, Clients, Limit, cancellation);
            Progress(clock, $"{scenario.Name}: {endToEnd.JobsPerSecond:0} jobs/s end to end");
            return new ScenarioResult(scenario, load, drained, endToEnd, system.Pids.Sum(ProcMemory.RssBytes), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Progress(clock, $"{scenario.Name}: failed: {ex.Message}");
            return new ScenarioResult(scenario, load, drained, endToEnd, 0, ex.Message);
        }
    }

    /// <summary>AFT, 1 silo on PostgreSQL with one slot, and a backlog of <paramref name="jobs"/> jobs behind it.</summary>
    /// <param name="postgres">The run's PostgreSQL.</param>
    /// <param name="jobs">Jobs submitted behind the busy slot.</param>
    /// <param name="sameSetup">Submissions under load of the scenario with the same setup (its slots aside), for the estimate of the time.</param>
    /// <param name="clock">The run's clock, for progress lines.</param>
    /// <param name="cancellation">Stops the run early.</param>
    private static async Task<BacklogResult> MeasureBacklogAsync(
        PostgresServer postgres, int jobs, LoadResult? sameSetup, Stopwatch clock, CancellationToken cancellation)
    {
        Progress(clock, $"backlog: {jobs} jobs, " + (sameSetup is { AcceptedPerSecond: > 0 } load
            ? $"about {jobs / load.AcceptedPerSecond / 60:0.0} min at the {load.AcceptedPerSecond:0} submissions/s of {OnePostgresSilo.Name}"
            : $"{jobs / 6000.0 / 60:0.0}-{jobs / 3000.0 / 60:0.0} min at 3-6k submissions/s"));
        using var system = await AftSystem.StartOnPostgresAsync(await postgres.CreateDatabaseAsync("aft_backlog"), 1,
            new Dictionary<string, string> { ["Aft__Jobs__MaxConcurrentJobs"] = "1" }, cancellation);
        var backlog = await BacklogRun.RunAsync(system, jobs, Clients, Limit, cancellation);
        Progress(clock, $"backlog: {jobs} submissions in {backlog.Elapsed.TotalSeconds:0} s");
        return backlog;
    }

    private static async Task<string> ServerVersionAsync(PostgresServer postgres, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(postgres.AdminConnectionString);
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return "PostgreSQL " + await command.ExecuteScalarAsync(cancellation);
    }

    private static void Progress(Stopwatch clock, string message) =>
        Console.Error.WriteLine($"[{(int)clock.Elapsed.TotalMinutes:00}:{clock.Elapsed.Seconds:00}] {message}");
}
