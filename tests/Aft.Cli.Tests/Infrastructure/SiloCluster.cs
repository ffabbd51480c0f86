using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aft.Testing;
using Aft.Testing.Servers;

namespace Aft.Cli.Tests.Infrastructure;

/// <summary>
/// Silos as an operator runs them: <c>aft serve</c> processes on one PostgreSQL database that <c>aft db init</c> set
/// up, sharing its admin key and one secrets key, each on its own loopback ports.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly List<ServiceFixture> _silos = [];
    private readonly List<HttpClient> _clients = [];
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private SiloCluster(string connectionString, string adminKey, IReadOnlyDictionary<string, string?> settings)
    {
        ConnectionString = connectionString;
        AdminKey = adminKey;
        _settings = settings;
    }

    public string ConnectionString { get; }

    public string AdminKey { get; }

    public IReadOnlyList<ServiceFixture> Silos => _silos;

    /// <summary>
    /// A new database on <paramref name="postgres"/> and <paramref name="silos"/> silos on it, started together.
    /// <paramref name="settings"/> are configuration for every silo (environment variables, <c>Aft__Jobs__…</c>).
    /// </summary>
    public static async Task<SiloCluster> StartAsync(PostgresServer postgres, int silos, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await InitializedDatabase.CreateAsync(postgres);
        var shared = new Dictionary<string, string?>(database.SiloSettings);
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            shared[name] = value;
        }

        var cluster = new SiloCluster(database.ConnectionString, database.AdminKey, shared);
        await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => cluster.AddSiloAsync()));
        return cluster;
    }

    /// <summary>Starts one more silo; returns its index.</summary>
    public async Task<int> AddSiloAsync()
    {
        var settings = new Dictionary<string, string?>(_settings)
        {
            ["Aft__Cluster__SiloPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
        };
        var silo = new ServiceFixture(settings, AdminKey);
        int index;
        lock (_silos)
        {
            index = _silos.Count;
            _silos.Add(silo);
        }

        await silo.InitializeAsync();
        lock (_clients)
        {
            while (_clients.Count <= index)
            {
                _clients.Add(null!);
            }

            _clients[index] = PinnedHttpClient.Create(new Uri($"https://{silo.Host}"), silo.DataDir, AdminKey);
        }

        return index;
    }

    /// <summary>An admin client of silo <paramref name="index"/>'s API.</summary>
    public HttpClient Client(int index) => _clients[index];

    /// <summary>What every silo printed, for a failure message.</summary>
    public string Output => string.Join("\n", _silos.Select((silo, i) => $"--- silo {i} (pid {silo.Process.Id})\n{silo.Output}"));

    /// <summary>Stores a script through silo 0; returns its id.</summary>
    public async Task<string> AddScriptAsync(string name, string code, int maxAttempts = 1, int maxConcurrency = 0)
    {
        var response = await Client(0).PostAsJsonAsync("/v1/scripts", new
        {
            name,
            code,
            maxConcurrency,
            retry = new { maxAttempts, initialBackoffSeconds = 1, backoffMultiplier = 1, maxBackoffSeconds = 1 },
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Submits a job of <paramref name="scriptName"/> through silo <paramref name="index"/>; returns its id.</summary>
    public async Task<string> SubmitAsync(int index, string scriptName)
    {
        var response = await Client(index).PostAsJsonAsync("/v1/jobs", new { scriptName });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}\n{Output}");
        return JsonDocument.Parse(body).RootElement.GetProperty("jobId").GetString()!;
    }

    /// <summary>Job <paramref name="jobId"/> as silo <paramref name="index"/> answers for it.</summary>
    public async Task<JsonElement> JobAsync(int index, string jobId) =>
        await Client(index).GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}");

    /// <summary>The cluster's unfinished jobs by status, as <c>GET /v1/cluster</c> on silo <paramref name="index"/> counts them.</summary>
    public async Task<(long Queued, long Running, long Retrying)> UnfinishedAsync(int index)
    {
        var jobs = (await Client(index).GetFromJsonAsync<JsonElement>("/v1/cluster")).GetProperty("jobs");
        return (jobs.GetProperty("queued").GetInt64(), jobs.GetProperty("running").GetInt64(), jobs.GetProperty("retrying").GetInt64());
    }

    /// <summary>The lines of job <paramref name="jobId"/>'s log, as silo <paramref name="index"/> reads them.</summary>
    public async Task<IReadOnlyList<JsonElement>> LogAsync(int index, string jobId) =>
        [.. (await Client(index).GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}/log?limit=1000")).GetProperty("lines").EnumerateArray()];

    /// <summary>Waits for <paramref name="condition"/>, failing with <paramref name="explain"/>'s text and every silo's output.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>>? explain = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not reached within {timeout}: {(explain is null ? string.Empty : await explain())}\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client?.Dispose();
        }

        await Task.WhenAll(_silos.Select(silo => silo.DisposeAsync()));
    }
}
