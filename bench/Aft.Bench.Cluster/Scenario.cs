using Aft.Testing.Servers;

namespace Aft.Bench.Cluster;

/// <summary>A system measured, as the report names and describes it, and how to start it on a fresh database or data dir.</summary>
/// <param name="Name">Its name in the tables.</param>
/// <param name="Description">What it is, for the report's header.</param>
/// <param name="IsPeer">Whether it is the peer every AFT figure is divided by.</param>
/// <param name="StartAsync">Starts it; the run's PostgreSQL is there for those that use it.</param>
public sealed record Scenario(string Name, string Description, bool IsPeer, Func<PostgresServer, CancellationToken, Task<IJobSystem>> StartAsync);
