namespace Aft.Bench.Transfers;

/// <summary>Where one AFT transfer's resources went.</summary>
/// <param name="RssBeforeBytes">The node's resident memory when the job was submitted.</param>
/// <param name="PeakRssBytes">The most resident memory sampled while it ran (every 50 ms).</param>
/// <param name="CpuByThreadName">The node's CPU during the job summed by thread name (with how many such threads ran), the four largest.</param>
public sealed record AftDiagnosis(long RssBeforeBytes, long PeakRssBytes, IReadOnlyList<ThreadTime> CpuByThreadName);
