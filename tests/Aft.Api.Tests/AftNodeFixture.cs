using Aft.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using Aft.Grains.Storage;
using Aft.Silo;
using Aft.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;

namespace Aft.Api.Tests;

/// <summary>
/// A real AFT node (silo, store, HTTPS API) on free loopback ports with its own data dir. Clients trust exactly the
/// node's self-signed certificate, as a pinned client would. The store is the one <see cref="TestStore"/> names: the
/// embedded SQLite, or a database made by <c>aft db init</c>'s setup on a PostgreSQL server of the fixture's own.
/// Variants pass settings of their own (<see cref="AftNodeFixture(IReadOnlyDictionary{string, string?})"/>).
/// </summary>
public class AftNodeFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> _extraSettings;

    public AftNodeFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    protected AftNodeFixture(IReadOnlyDictionary<string, string?> extraSettings) => _extraSettings = extraSettings;

    // Webhook deliveries polled and retried within a test's patience.
    private static readonly Dictionary<string, string?> WebhookSettings = new()
    {
        ["Aft:Webhooks:PollInterval"] = "00:00:00.1",
        ["Aft:Webhooks:RetryInitialDelay"] = "00:00:00.2",
        ["Aft:Webhooks:RetryMultiplier"] = "2",
        ["Aft:Webhooks:RetryMaxDelay"] = "00:00:01",
        ["Aft:Webhooks:Timeout"] = "00:00:05",
    };

    private WebApplication? _app;
    private PostgresServer? _postgres;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("aft-api-tests-").FullName;

    public int Port { get; } = LoopbackPorts.Free();

    public Uri BaseAddress => new($"https://127.0.0.1:{Port}");

    public string AdminKey { get; private set; } = string.Empty;

    public WebApplication App => _app!;

    public async Task InitializeAsync()
    {
        var settings = TestNodeSettings.For(DataDir, Port, WebhookSettings, _extraSettings);

        string? initialKey = null;
        if (TestStore.OnPostgres)
        {
            _postgres = await PostgresServer.StartAsync();
            var connectionString = await _postgres.CreateDatabaseAsync();
            initialKey = (await PostgresStoreSetup.InitAsync(connectionString)).InitialAdminKey;
            settings["Aft:Store:Provider"] = "Postgres";
            settings["Aft:Store:ConnectionString"] = connectionString;
            settings["Aft:Secrets:Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        _app = AftServer.Build([], settings);
        await AftServer.StartAsync(_app, TextWriter.Null);
        AdminKey = initialKey ?? (await File.ReadAllTextAsync(Path.Combine(DataDir, "initial-admin-key"))).Trim();
    }

    /// <summary>Every stored API key row as text, to show what a key's storage holds.</summary>
    public async Task<string> StoredApiKeyRowsAsync()
    {
        await using var connection = await App.Services.GetRequiredService<AppDatabase>().OpenReaderAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, key_hash, key_prefix, scopes, allowed_ips FROM api_keys";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new System.Text.StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                rows.Append(reader.GetString(i)).Append('|');
            }

            rows.AppendLine();
        }

        return rows.ToString();
    }

    /// <summary>An HTTPS client that trusts only this node's certificate, sending <paramref name="apiKey"/> if given.</summary>
    public HttpClient Client(string? apiKey = null) => PinnedHttpClient.Create(BaseAddress, DataDir, apiKey);

    public HttpClient AdminClient() => Client(AdminKey);

    /// <summary>Stores a script and returns its id.</summary>
    public async Task<string> CreateScriptAsync(string code, object? extra = null, string? name = null)
    {
        using var client = AdminClient();
        var body = new Dictionary<string, object?> { ["name"] = name ?? "script-" + Guid.NewGuid().ToString("N")[..8], ["code"] = code };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        var response = await client.PostAsJsonAsync("/v1/scripts", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json.GetProperty("id").GetString()!;
    }

    /// <summary>Submits a job for a stored script and returns its id.</summary>
    public async Task<string> SubmitAsync(string scriptId, object? parameters = null)
    {
        using var client = AdminClient();
        var response = await client.PostAsJsonAsync("/v1/jobs", new { scriptId, @params = parameters });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return json.GetProperty("jobId").GetString()!;
    }

    /// <summary>Long-polls the job until it ends (or 30 s pass) and returns its representation.</summary>
    public async Task<JsonElement> WaitAsync(string jobId, string wait = "30s")
    {
        using var client = AdminClient();
        return await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}?wait={wait}");
    }

    public async Task<IReadOnlyList<string>> LogMessagesAsync(string jobId)
    {
        using var client = AdminClient();
        var log = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}/log");
        return [.. log.GetProperty("lines").EnumerateArray().Select(line => line.GetProperty("message").GetString()!)];
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _postgres?.Dispose();

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AftNodeCollection : ICollectionFixture<AftNodeFixture>
{
    public const string Name = "AFT node";
}
