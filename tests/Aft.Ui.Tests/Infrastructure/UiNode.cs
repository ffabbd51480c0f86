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
    private WebApplication? _app;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("aft-ui-tests-").FullName;

    public int Port { get; } = LoopbackPorts.Free();

    public Uri BaseAddress => new($"https://127.0.0.1:{Port}");

    /// <summary>The initial admin API key the node's first start made.</summary>
    public string AdminKey { get; private set; } = string.Empty;

    public IServiceProvider Services => _app!.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<UiNode> StartAsync()
    {
        var node = new UiNode();
        await node.StartAgainAsync();
        return node;
    }

    public async Task StartAgainAsync()
    {
        _app = AftServer.Build([], new Dictionary<string, string?>
        {
            ["Aft:DataDir"] = DataDir,
            ["Aft:Server:Port"] = Port.ToString(),
            ["Aft:Cluster:SiloPort"] = LoopbackPorts.Free().ToString(),
            ["Aft:Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["Aft:Jobs:CancelGracePeriod"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await AftServer.StartAsync(_app, TextWriter.Null);
        AdminKey = (await File.ReadAllTextAsync(Path.Combine(DataDir, "initial-admin-key"))).Trim();
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
