namespace Aft.Bench.Cluster;

/// <summary>What was measured of one scenario; a measurement that failed is null, and <paramref name="Failure"/> says why.</summary>
/// <param name="Scenario">The system measured.</param>
/// <param name="Load">Durable submissions under load.</param>
/// <param name="Drained">How long the jobs of that load took to end once it stopped.</param>
/// <param name="EndToEnd">The end-to-end batch.</param>
/// <param name="RssBytes">The resident memory of the system's processes at the end.</param>
/// <param name="Failure">Why the scenario stopped early, or null.</param>
public sealed record ScenarioResult(Scenario Scenario, LoadResult? Load, TimeSpan? Drained, EndToEndResult? EndToEnd, long RssBytes, string? Failure);
