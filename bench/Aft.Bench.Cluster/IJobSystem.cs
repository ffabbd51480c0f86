namespace Aft.Bench.Cluster;

/// <summary>A job system under test, as the benchmark drives it: over HTTPS, <c>POST /v1/jobs</c> on each of its endpoints.</summary>
public interface IJobSystem : IDisposable
{
    /// <summary>Where clients submit jobs; the clients are split evenly over them.</summary>
    IReadOnlyList<Uri> Endpoints { get; }

    /// <summary>The key submissions are sent with, or null when the system has none.</summary>
    string? ApiKey { get; }

    /// <summary>The processes of the system (not its database), whose memory is reported.</summary>
    IReadOnlyList<int> Pids { get; }

    /// <summary>Prepares a batch of trivial jobs: what each submission of it posts, and how its ended jobs are counted.</summary>
    Task<JobBatch> NewBatchAsync(string name, CancellationToken cancellation);

    /// <summary>Jobs submitted and not ended yet, in the whole system: waiting, running or waiting for a retry.</summary>
    Task<long> UnfinishedAsync(CancellationToken cancellation);
}
