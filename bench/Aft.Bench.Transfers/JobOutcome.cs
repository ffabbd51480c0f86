namespace Aft.Bench.Transfers;

/// <summary>When a job was submitted (client clock), started and finished (the node's clock; both on this machine).</summary>
public sealed record JobOutcome(DateTimeOffset SubmittedAt, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);
