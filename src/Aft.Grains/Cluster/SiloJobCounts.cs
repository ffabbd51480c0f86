namespace Aft.Grains.Cluster;

/// <summary>How many jobs one silo runs, and holds queued for a free slot, right now.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloJobCounts([property: Id(0)] int Running, [property: Id(1)] int Queued);
