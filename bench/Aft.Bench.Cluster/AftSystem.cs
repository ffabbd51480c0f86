using Aft.Bench.Common;
using Aft.Testing;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Aft.Bench.Cluster;

/// <summary>
/// AFT as users run it: one node on its embedded SQLite store, or silos sharing a PostgreSQL database, driven over
/// the REST API with the admin key it made.
/// </summary>
public sealed class AftSystem : IJobSystem
{
    private const string TrivialScript = "Log.Info(\"x\"); Exit(0);";

    // The most jobs one GET /v1/jobs answers with.
    private const int PageSize = 500;

    private static readonly TimeSpan DbInitLimit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan JoinLimit = TimeSpan.FromSeconds(60);

    private readonly IReadOnlyList<AftSilo> _silos;
    private readonly HttpClient _admin;

    private AftSystem(IReadOnlyList<AftSilo> silos, string adminKey)
    {
        _silos = silos;
        ApiKey = adminKey;
        Endpoints = [.. silos.Select(silo => silo.Endpoint)];
        Pids = [.. silos.Select(silo => silo.Pid)];
        _admin = BenchHttpClient.Create(silos[0].Endpoint, adminKey);
    }

    public IReadOnlyList<Uri> Endpoints { get; }

    public string? ApiKey { get; }

    public IReadOnlyList<int> Pids { get; }

    /// <summary>One node on its default store, the embedded SQLite database in its data dir.</summary>
    public static async Task<AftSystem> StartEmbeddedAsync(CancellationToken cancellation)
    {
        var silo = await AftSilo.StartAsync(new Dictionary<string, string>(), cancellation);
        try
        {
            // On its first start the node writes the admin key it made into its data dir before it says it listens.
            var key = await File.ReadAllTextAsync(Path.Combine(silo.DataDir, "initial-admin-key"), cancellation);
            return new AftSystem([silo], key.Trim());
        }
        catch
        {
            silo.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <paramref name="siloCount"/> silos on the (empty) database of <paramref name="connectionString"/>, after
    /// <c>aft db init</c> created its schema; <paramref name="settings"/> are more settings for every silo.
    /// </summary>
    public static async Task<AftSystem> StartOnPostgresAsync(
        string connectionString, int siloCount, IReadOnlyDictionary<string, string> settings, CancellationToken cancellation)
    {
        // The connection string reaches aft in its environment, not on its command line, which every process can read.
        var store = new Dictionary<string, string> { ["Aft__Store__Provider"] = "Postgres", ["Aft__Store__ConnectionString"] = connectionString };
        var init = await ExternalCommand.RunAsync("dotnet", [BuildOutputs.AftDll, "db", "init"], store, DbInitLimit, cancellation);
        var adminKey = init.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

        // Every silo must open the secrets the others store.
        var secretsKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var silos = new List<AftSilo>();
        try
        {
            for (var i = 0; i < siloCount; i++)
            {
                silos.Add(await AftSilo.StartAsync(new Dictionary<string, string>(settings.Concat(store))
                {
                    ["Aft__Secrets__Key"] = secretsKey,
                    ["Aft__Cluster__SiloPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
                    ["Aft__Cluster__AdvertisedAddress"] = "127.0.0.1",
                }, cancellation));
            }
        }
        catch
        {
            silos.ForEach(silo => silo.Dispose());
            throw;
        }

        var system = new AftSystem(silos, adminKey);
        try
        {
            await system.WaitUntilAllActiveAsync(cancellation);
            return system;
        }
        catch
        {
            system.Dispose();
            throw;
        }
    }

    /// <summary>Stores a script; returns its id.</summary>
    public async Task<string> CreateScriptAsync(string name, string code, CancellationToken cancellation)
    {
        using var response = await _admin.PostAsJsonAsync("/v1/scripts", new { name, code }, cancellation);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation);
        return response.IsSuccessStatusCode ? body.GetProperty("id").GetString()! : throw new InvalidOperationException($"POST /v1/scripts answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>What a submission of a job of the stored script <paramref name="scriptId"/> posts.</summary>
    public static string SubmitBody(string scriptId) => JsonSerializer.Serialize(new { scriptId });

    /// <summary>A batch of jobs of its own stored trivial script, so its jobs can be told from all others.</summary>
    public async Task<JobBatch> NewBatchAsync(string name, CancellationToken cancellation)
    {
        var scriptId = await CreateScriptAsync($"bench-{name}", TrivialScript, cancellation);
        return new JobBatch(SubmitBody(scriptId), token => CountByStatusAsync(scriptId, token));
    }

    public async Task<ClusterJobs> ClusterJobsAsync(CancellationToken cancellation)
    {
        var jobs = (await _admin.GetFromJsonAsync<JsonElement>("/v1/cluster", cancellation)).GetProperty("jobs");
        return new ClusterJobs(jobs.GetProperty("queued").GetInt64(), jobs.GetProperty("running").GetInt64(), jobs.GetProperty("retrying").GetInt64());
    }

    public async Task<long> UnfinishedAsync(CancellationToken cancellation) => (await ClusterJobsAsync(cancellation)).Unfinished;

    public void Dispose()
    {
        _admin.Dispose();
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }
    }

    /// <summary>Reads every job of the script, a page at a time, and counts them by status.</summary>
    private async Task<JobOutcomes> CountByStatusAsync(string scriptId, CancellationToken cancellation)
    {
        var byStatus = new Dictionary<string, long>();
        string? cursor = null;
        do
        {
            var page = await _admin.GetFromJsonAsync<JsonElement>(
                $"/v1/jobs?scriptId={Uri.EscapeDataString(scriptId)}&limit={PageSize}" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}"),
                cancellation);
            foreach (var job in page.GetProperty("items").EnumerateArray())
            {
                var status = job.GetProperty("status").GetString()!;
                byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            }

            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return new JobOutcomes(byStatus.GetValueOrDefault("succeeded"), byStatus.Where(entry => entry.Key != "succeeded").ToDictionary());
    }

    /// <summary>Waits until the membership shows every silo started as active, so the cluster is whole before it is measured.</summary>
    private async Task WaitUntilAllActiveAsync(CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + JoinLimit;
        while (true)
        {
            var silos = (await _admin.GetFromJsonAsync<JsonElement>("/v1/cluster", cancellation)).GetProperty("silos");
            var active = silos.EnumerateArray().Count(silo => silo.GetProperty("status").GetString() == "active");
            if (active == _silos.Count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{active} of {_silos.Count} silos were active after {JoinLimit.TotalSeconds:0} s");
            }

            await Task.Delay(200, cancellation);
        }
    }
}
