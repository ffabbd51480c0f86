namespace Aft.Grains.Cluster;

/// <summary>How many jobs one silo runs right now, and how many it claimed and is starting.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloJobCounts([property: Id(0)] int Running, [property: Id(1)] int Starting);
