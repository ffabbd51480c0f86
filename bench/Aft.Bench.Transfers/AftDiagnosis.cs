namespace Aft.Bench.Transfers;

/// <summary>Where one AFT transfer's resources went.</summary>
/// <param name="RssBeforeBytes">The node's resident memory when the job was submitted.</param>
/// <param name="PeakRssBytes">The most resident memory sampled while it ran (every 50 ms).</param>
/// <param name="BusiestThreads">The node's three threads that used the most CPU during the job, with that CPU.</param>
public sealed record AftDiagnosis(long RssBeforeBytes, long PeakRssBytes, IReadOnlyList<ThreadTime> BusiestThreads);
