namespace Aft.Grains.Tests.Schedules;

/// <summary>One silo on the store <see cref="Aft.Testing.TestStore"/> names, with a test clock (see <see cref="ScheduleCluster"/>).</summary>
public sealed class ScheduleClusterFixture : IAsyncLifetime
{
    public ScheduleCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await ScheduleCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
