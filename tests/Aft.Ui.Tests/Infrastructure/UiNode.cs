using Aft.Silo;
using Aft.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Aft.Ui.Tests.Infrastructure;

/// <summary>
/// A real AFT node (silo, embedded store, HTTPS API and web UI) on a free loopback port with a data dir of its own,
/// which can be stopped and started again on the same data dir (as around <c>aft reinit</c>).
/// </summary>
public sealed class UiNode : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private WebApplication? _app;

    private UiNode(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("aft-ui-tests-").FullName;

    public int Port { get; } = LoopbackPorts.Free();

    public Uri BaseAddress => new($"https://127.0.0.1:{Port}");

    /// <summary>The initial admin API key: made by the node's first start on the embedded store, or given (PostgreSQL's <c>aft db init</c> makes it).</summary>
    public string AdminKey { get; set; } = string.Empty;

    public IServiceProvider Services => _app!.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <param name="settings">Settings beside the test defaults (a PostgreSQL store, for a cluster of nodes).</param>
    public static async Task<UiNode> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var node = new UiNode(settings ?? new Dictionary<string, string?>());
        await node.StartAgainAsync();
        return node;
    }

    public async Task StartAgainAsync()
    {
        var settings = TestNodeSettings.For(DataDir, Port, _settings);
        _app = AftServer.Build([], settings);
        await AftServer.StartAsync(_app, TextWriter.Null);
        var keyFile = Path.Combine(DataDir, "initial-admin-key");
        AdminKey = File.Exists(keyFile) ? (await File.ReadAllTextAsync(keyFile)).Trim() : AdminKey;
    }

    /// <summary>Stops the node and releases its data dir (its lock included), as a stopped service does.</summary>
    public async Task StopAsync()
    {
        if (_app is null)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>An HTTPS client that trusts only this node's certificate, sending <paramref name="apiKey"/> if given.</summary>
    public HttpClient Client(string? apiKey = null) => PinnedHttpClient.Create(BaseAddress, DataDir, apiKey);

    public HttpClient AdminClient() => Client(AdminKey);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
