using System.Diagnostics;
using System.Diagnostics.Metrics;
using Aft.Grains.Jobs;
using Aft.Scripting;
using Aft.Scripting.Vfs.Transfers;

namespace Aft.Grains.Telemetry;

/// <summary>
/// AFT's own instruments, on one meter named <see cref="MeterName"/>. Names are dotted (<c>aft.jobs.submitted</c>);
/// the Prometheus exporter renders them with underscores, a unit and, for counters, <c>_total</c>
/// (<c>aft_jobs_submitted_total</c>). Counts are this silo's, except the queue depth, which is the cluster's.
/// Transfers count themselves (<see cref="TransferMetrics"/>, on the same meter).
/// </summary>
public sealed class AftMetrics
{
    public const string MeterName = TransferMetrics.Name;

    /// <summary>How old a queue depth may be before a collection counts again; a scrape never waits for the count.</summary>
    private static readonly TimeSpan QueueDepthMaxAge = TimeSpan.FromSeconds(10);

    /// <summary>Attempts last from milliseconds (a small script) to hours (a large transfer).</summary>
    private static readonly double[] DurationBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 10800];

    private readonly Counter<long> _submitted;
    private readonly Counter<long> _started;
    private readonly Counter<long> _finished;
    private readonly Counter<long> _retries;
    private readonly UpDownCounter<long> _running;
    private readonly Histogram<double> _attemptDuration;
    private readonly Counter<long> _webhookDeliveries;
    private readonly JobStore _jobs;
    private readonly TimeProvider _clock;
    private UnfinishedJobCounts? _queue;
    private long _queueCountedAt;
    private int _counting;

    public AftMetrics(IMeterFactory meters, JobStore jobs, TimeProvider clock)
    {
        _jobs = jobs;
        _clock = clock;
        var meter = meters.Create(MeterName);
        _submitted = meter.CreateCounter<long>("aft.jobs.submitted", "{job}", "Jobs submitted, by script and source (api, cli)");
        _started = meter.CreateCounter<long>("aft.jobs.started", "{job}", "Jobs whose first attempt started, by script");
        _finished = meter.CreateCounter<long>("aft.jobs.finished", "{job}", "Jobs that ended, by script and outcome (succeeded, failed, cancelled, timed_out)");
        _retries = meter.CreateCounter<long>("aft.jobs.retries", "{attempt}", "Failed attempts that are tried again, by script");
        _running = meter.CreateUpDownCounter<long>("aft.jobs.running", "{job}", "Attempts running on this silo now");
        _attemptDuration = meter.CreateHistogram("aft.jobs.attempt.duration", "s", "How long attempts ran, by script and outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _webhookDeliveries = meter.CreateCounter<long>("aft.webhooks.deliveries", "{delivery}", "Webhook delivery attempts, by outcome");
        meter.CreateObservableGauge("aft.jobs.queue_depth", ObserveQueue, "{job}", "Jobs of the whole cluster waiting to start, by status (queued, retrying); refreshed at most every 10 s");
    }

    public void JobSubmitted(JobRecord job) =>
        _submitted.Add(1, new TagList { { "script", ScriptOf(job) }, { "source", job.Source.ToName() } });

    public void JobStarted(JobRecord job) => _started.Add(1, new TagList { { "script", ScriptOf(job) } });

    public void JobFinished(JobRecord job) =>
        _finished.Add(1, new TagList { { "script", ScriptOf(job) }, { "outcome", job.Status.ToName() } });

    public void AttemptRetrying(JobRecord job) => _retries.Add(1, new TagList { { "script", ScriptOf(job) } });

    public void AttemptRunning(int change) => _running.Add(change);

    public void AttemptEnded(JobRecord job, ScriptOutcome outcome, TimeSpan duration) =>
        _attemptDuration.Record(duration.TotalSeconds, new TagList { { "script", ScriptOf(job) }, { "outcome", OutcomeOf(outcome) } });

    /// <summary>One attempt to deliver a webhook: <paramref name="outcome"/> is <c>delivered</c>, <c>retrying</c> (failed, to be tried again) or <c>given_up</c> (failed for good).</summary>
    public void WebhookDelivery(string outcome) => _webhookDeliveries.Add(1, new TagList { { "outcome", outcome } });

    /// <summary>A label that stays bounded: the stored script's name, or one word for jobs that name a file or bring their code.</summary>
    private static string ScriptOf(JobRecord job) => job.ScriptName ?? "(file)";

    private static string OutcomeOf(ScriptOutcome outcome) => outcome.Kind switch
    {
        ScriptOutcomeKind.Succeeded => "succeeded",
        ScriptOutcomeKind.TimedOut => "timed_out",
        ScriptOutcomeKind.Cancelled => "cancelled",
        _ => "failed",
    };

    /// <summary>The last count, starting a new one in the background when it is old: a scrape costs no query.</summary>
    private IEnumerable<Measurement<long>> ObserveQueue()
    {
        var stale = Volatile.Read(ref _queue) is null || _clock.GetElapsedTime(Interlocked.Read(ref _queueCountedAt)) > QueueDepthMaxAge;
        if (stale && Interlocked.Exchange(ref _counting, 1) == 0)
        {
            _ = CountQueueAsync();
        }

        if (Volatile.Read(ref _queue) is not { } queue)
        {
            return [];
        }

        return [new(queue.Queued, new KeyValuePair<string, object?>("status", "queued")), new(queue.Retrying, new KeyValuePair<string, object?>("status", "retrying"))];
    }

    private async Task CountQueueAsync()
    {
        try
        {
            Volatile.Write(ref _queue, await _jobs.CountUnfinishedAsync());
            Interlocked.Exchange(ref _queueCountedAt, _clock.GetTimestamp());
        }
        catch (Exception)
        {
            // The store is out of reach: the last count stands until it answers again.
        }
        finally
        {
            Interlocked.Exchange(ref _counting, 0);
        }
    }
}
