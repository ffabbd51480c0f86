using Aft.Bench.Common;
using Aft.Testing;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Bench.Cluster;

/// <summary>The Hangfire peer (bench/Aft.Bench.Hangfire) in its own process, on a database of its own of the run's PostgreSQL.</summary>
public sealed class HangfirePeer : IJobSystem
{
    private readonly ServerProcess _process;
    private readonly HttpClient _monitor;

    private HangfirePeer(ServerProcess process, Uri endpoint)
    {
        _process = process;
        Endpoints = [endpoint];
        Pids = [process.Pid];
        _monitor = BenchHttpClient.Create(endpoint, apiKey: null);
    }

    public IReadOnlyList<Uri> Endpoints { get; }

    public string? ApiKey => null;

    public IReadOnlyList<int> Pids { get; }

    /// <summary>Starts the peer; Hangfire creates its schema in the (empty) database at its start.</summary>
    public static async Task<HangfirePeer> StartAsync(string connectionString, CancellationToken cancellation)
    {
        var port = LoopbackPorts.Free();
        var process = await ServerProcess.StartAsync("Hangfire peer", "dotnet",
            [BuildOutputs.HangfireDll, "--port", port.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["ConnectionStrings__Hangfire"] = connectionString, ["Logging__LogLevel__Default"] = "Warning" },
            "Hangfire peer is listening", cancellation);
        return new HangfirePeer(process, new Uri($"https://127.0.0.1:{port}"));
    }

    /// <summary>
    /// Every submission enqueues the same trivial job, so a batch's outcomes are what Hangfire's statistics gained
    /// while it ran: the benchmark starts a batch only once the previous load has drained.
    /// </summary>
    public async Task<JobBatch> NewBatchAsync(string name, CancellationToken cancellation)
    {
        var before = await StatisticsAsync(cancellation);
        return new JobBatch("{}", async token =>
        {
            var after = await StatisticsAsync(token);
            var otherwise = new Dictionary<string, long>
            {
                ["failed"] = after.GetProperty("failed").GetInt64() - before.GetProperty("failed").GetInt64(),
                ["deleted"] = after.GetProperty("deleted").GetInt64() - before.GetProperty("deleted").GetInt64(),
            };
            return new JobOutcomes(
                after.GetProperty("succeeded").GetInt64() - before.GetProperty("succeeded").GetInt64(),
                otherwise.Where(entry => entry.Value != 0).ToDictionary());
        });
    }

    public async Task<long> UnfinishedAsync(CancellationToken cancellation) =>
        (await _monitor.GetFromJsonAsync<JsonElement>("/v1/queue", cancellation)).GetProperty("unfinished").GetInt64();

    public void Dispose()
    {
        _monitor.Dispose();
        _process.Dispose();
    }

    private Task<JsonElement> StatisticsAsync(CancellationToken cancellation) => _monitor.GetFromJsonAsync<JsonElement>("/v1/statistics", cancellation);
}
