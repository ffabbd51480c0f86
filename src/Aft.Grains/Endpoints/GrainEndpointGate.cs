using System.Collections.Concurrent;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Endpoints;

/// <summary>
/// The silo's <see cref="IEndpointGate"/>: leases and health live in one <see cref="IEndpointGrain"/> per endpoint,
/// so <c>maxConnections</c> holds across the cluster. This node renews the leases of its open connections every
/// third of their lifetime; if the node dies they lapse, and other nodes get the endpoint back. A renewal that says
/// others are waiting marks the leases contended, so idle connections are closed instead of kept.
/// </summary>
public sealed partial class GrainEndpointGate(
    IGrainFactory grains, IOptions<VfsConnectionOptions> options, TimeProvider clock, ILogger<GrainEndpointGate> logger)
    : BackgroundService, IEndpointGate
{
    /// <summary>One slice of a wait, kept well below the 30 s grain-call timeout.</summary>
    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(15);

    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    public async Task<IEndpointLease> AcquireAsync(VfsEndpoint endpoint, int maxConnections, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IEndpointGrain>(endpoint.Key);
        var deadline = clock.GetUtcNow() + maxWait;
        while (true)
        {
            var left = deadline - clock.GetUtcNow();
            var decision = await grain.AcquireAsync(_holder, maxConnections, left < WaitSlice ? left : WaitSlice).WaitAsync(cancellationToken);
            switch (decision.Outcome)
            {
                case LeaseOutcome.Granted:
                    var lease = new Lease(this, grain, endpoint.Key, decision.LeaseId!);
                    _leases[lease.Id] = lease;
                    return lease;
                case LeaseOutcome.Failing:
                    throw new VfsException(decision.LastError!);
                default:
                    if (clock.GetUtcNow() >= deadline)
                    {
                        throw LocalEndpointGate.EndpointWaitExpired(endpoint, maxConnections, maxWait);
                    }

                    break;
            }
        }
    }

    public Task ReportConnectAsync(VfsEndpoint endpoint, string? error) => grains.GetGrain<IEndpointGrain>(endpoint.Key).ReportConnectAsync(error);

    public Task<EndpointHealth> GetHealthAsync(VfsEndpoint endpoint) => grains.GetGrain<IEndpointGrain>(endpoint.Key).GetHealthAsync();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseTimeToLive / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var endpoint in _leases.Values.GroupBy(lease => lease.Endpoint))
                {
                    try
                    {
                        var held = endpoint.ToList();
                        var contended = await grains.GetGrain<IEndpointGrain>(endpoint.Key).RenewAsync(_holder, [.. held.Select(lease => lease.Id)]);
                        held.ForEach(lease => lease.Contended = contended);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogRenewFailed(logger, ex, endpoint.Key);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping, possibly before it finished starting; a stop is not a crash (leases lapse on their own).
        }
    }

    private async ValueTask ReleaseAsync(Lease lease)
    {
        if (!_leases.TryRemove(lease.Id, out _))
        {
            return;
        }

        try
        {
            await lease.Grain.ReleaseAsync(lease.Id);
        }
        catch (Exception ex)
        {
            // It lapses on its own once it is not renewed.
            LogReleaseFailed(logger, ex, lease.Endpoint);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the connection leases on {Endpoint} failed; they lapse unless the next renewal works")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Giving a connection lease on {Endpoint} back failed; it lapses by itself")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string endpoint);

    private sealed class Lease(GrainEndpointGate gate, IEndpointGrain grain, string endpoint, string id) : IEndpointLease
    {
        public IEndpointGrain Grain => grain;

        public string Endpoint => endpoint;

        public string Id => id;

        public bool Contended { get; set; }

        public ValueTask DisposeAsync() => gate.ReleaseAsync(this);
    }
}
