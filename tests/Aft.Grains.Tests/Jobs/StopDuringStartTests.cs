using Aft.Grains.Endpoints;
using Aft.Grains.Jobs;
using Aft.Grains.Storage;
using Aft.Grains.Telemetry;
using Aft.Grains.Webhooks;
using Aft.Scripting.Vfs.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Tests.Jobs;

/// <summary>
/// A host that stops while it is still starting (a later service failed, as when the port is taken) reports that
/// failure; the engine's background services end quietly with it instead of being reported as crashes.
/// </summary>
[Collection(JobClusterCollection.Name)]
public sealed class StopDuringStartTests(JobClusterFixture fixture)
{
    [Fact]
    public async Task The_engines_background_services_end_quietly_when_the_host_stops_during_start_up()
    {
        var logs = new RecordingLoggerProvider();
        var retention = new JobRetentionService(
            fixture.Service<JobStore>(), fixture.Service<WebhookOutbox>(), fixture.Service<AppDatabase>(), fixture.Cluster.GrainFactory,
            Options.Create(new JobsOptions { Retention = TimeSpan.FromDays(3650) }), TimeProvider.System, NullLogger<JobRetentionService>.Instance);
        var gate = new GrainEndpointGate(fixture.Cluster.GrainFactory, Options.Create(new VfsConnectionOptions()), TimeProvider.System, NullLogger<GrainEndpointGate>.Instance);
        var webhookOptions = Options.Create(new WebhooksOptions());
        var catalog = new WebhookCatalog(fixture.Service<AppDatabase>(), webhookOptions, TimeProvider.System, NullLogger<WebhookCatalog>.Instance);
        var deliveries = new WebhookDeliveryService(fixture.Service<WebhookOutbox>(), fixture.Service<WebhookStore>(), fixture.Service<IHttpClientFactory>(),
            fixture.Service<AftMetrics>(), webhookOptions, TimeProvider.System, NullLogger<WebhookDeliveryService>.Instance);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddHostedService(_ => retention);
        builder.Services.AddHostedService(_ => gate);
        builder.Services.AddHostedService(_ => catalog);
        builder.Services.AddHostedService(_ => deliveries);
        builder.Services.AddHostedService<FailsToStart>();

        var host = builder.Build();
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        host.Dispose();
        await Task.WhenAll(retention.ExecuteTask!, gate.ExecuteTask!, catalog.ExecuteTask!, deliveries.ExecuteTask!).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(retention.ExecuteTask!.IsCompletedSuccessfully, $"the retention service ended {retention.ExecuteTask.Status}");
        Assert.True(gate.ExecuteTask!.IsCompletedSuccessfully, $"the endpoint gate ended {gate.ExecuteTask.Status}");
        Assert.True(catalog.ExecuteTask!.IsCompletedSuccessfully, $"the webhook catalog ended {catalog.ExecuteTask.Status}");
        Assert.True(deliveries.ExecuteTask!.IsCompletedSuccessfully, $"the webhook delivery service ended {deliveries.ExecuteTask.Status}");
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Critical || entry.Message.Contains("BackgroundService failed", StringComparison.Ordinal));
    }

    /// <summary>
    /// Fails a moment after the services before it started, as a listener's bind does. Without the moment the stop
    /// can win the race with the thread pool: BackgroundService starts ExecuteAsync with Task.Run under the stop
    /// token, so a stop before the pool picks it up cancels the task without running the code under test.
    /// </summary>
    private sealed class FailsToStart : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            throw new InvalidOperationException("a later service failed to start");
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly List<(LogLevel Level, string Message)> _entries = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Recorder(this);

        public void Dispose()
        {
        }

        private sealed class Recorder(RecordingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (provider._entries)
                {
                    provider._entries.Add((logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
