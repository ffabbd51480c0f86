using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aft.Testing;
using Aft.Testing.Servers;

namespace Aft.Bench.Transfers;

/// <summary>
/// The real <c>aft serve</c> (the built src/Aft.Cli aft.dll) as its own process on a fresh data dir, driven over its
/// REST API with the admin key it made at its first start.
/// </summary>
public sealed class AftNode : IDisposable
{
    private static readonly string[] Ended = ["succeeded", "failed", "cancelled", "timed_out"];

    private readonly ServerProcess _process;
    private readonly string _dataDir;

    private AftNode(ServerProcess process, string dataDir, HttpClient client, string label)
    {
        _process = process;
        _dataDir = dataDir;
        Client = client;
        Label = label;
    }

    /// <summary>How the report names this node's configuration.</summary>
    public string Label { get; }

    public int Pid => _process.Pid;

    public HttpClient Client { get; }

    /// <summary>Starts a node; <paramref name="configuration"/> holds settings as environment variables (<c>Aft__Vfs__ParallelTransfers</c>).</summary>
    public static async Task<AftNode> StartAsync(string label, IReadOnlyDictionary<string, string> configuration)
    {
        var dataDir = Directory.CreateTempSubdirectory("aft-bench-transfers-node-").FullName;
        var port = LoopbackPorts.Free();
        var environment = new Dictionary<string, string>(configuration)
        {
            ["Aft__Orleans__SiloPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var process = await ServerProcess.StartAsync(
            "aft serve", "dotnet", [AftBuild.AftDll, "serve", "--data-dir", dataDir, "--port", port.ToString(CultureInfo.InvariantCulture)], port, environment);
        var key = await AdminKeyAsync(dataDir);
        return new AftNode(process, dataDir, PinnedHttpClient.Create(new Uri($"https://127.0.0.1:{port}"), dataDir, key), label);
    }

    public async Task PutAsync(string path, object body)
    {
        using var response = await Client.PutAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<string> CreateScriptAsync(string name, string code)
    {
        using var response = await Client.PostAsJsonAsync("/v1/scripts", new { name, code });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.IsSuccessStatusCode ? body.GetProperty("id").GetString()! : throw new InvalidOperationException($"POST /v1/scripts answered {body}");
    }

    /// <summary>Submits a job of the stored script and waits (bounded) until it has ended; a job that did not succeed fails with its log.</summary>
    public async Task<JobOutcome> RunJobAsync(string scriptId, IReadOnlyDictionary<string, string> parameters, TimeSpan timeout)
    {
        var submitted = DateTimeOffset.UtcNow;
        using var response = await Client.PostAsJsonAsync("/v1/jobs", new { scriptId, @params = parameters });
        var job = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = response.IsSuccessStatusCode ? job.GetProperty("jobId").GetString()! : throw new InvalidOperationException($"POST /v1/jobs answered {job}");
        var deadline = submitted + timeout;
        while (!Ended.Contains(job.GetProperty("status").GetString()))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                await Client.PostAsync($"/v1/jobs/{id}/cancel", null);
                throw new TimeoutException($"job {id} did not end within {timeout.TotalSeconds:0} s");
            }

            job = await Client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{id}?wait=50s");
        }

        if (job.GetProperty("status").GetString() != "succeeded")
        {
            var log = await Client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{id}/log?limit=50");
            var lines = log.GetProperty("lines").EnumerateArray().Select(line => line.GetProperty("message").GetString());
            throw new InvalidOperationException($"job {id} ended {job.GetProperty("status")}: {job.GetProperty("error")}; log: {string.Join(" | ", lines)}");
        }

        return new JobOutcome(submitted, job.GetProperty("startedAt").GetDateTimeOffset(), job.GetProperty("finishedAt").GetDateTimeOffset());
    }

    private static async Task<string> AdminKeyAsync(string dataDir)
    {
        var file = Path.Combine(dataDir, "initial-admin-key");
        for (var tries = 0; !File.Exists(file); tries++)
        {
            if (tries == 300)
            {
                throw new FileNotFoundException($"aft serve made no admin key in {dataDir}");
            }

            await Task.Delay(100);
        }

        return (await File.ReadAllTextAsync(file)).Trim();
    }

    public void Dispose()
    {
        Client.Dispose();
        _process.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }
}
