using Aft.Bench.Common;
namespace Aft.Bench.Cluster;

/// <summary>The closed-loop clients of one measurement, split evenly over the system's endpoints, each with its own connection.</summary>
public sealed class ClientSet : IDisposable
{
    private readonly HttpClient[] _clients;

    private ClientSet(HttpClient[] clients) => _clients = clients;

    public static ClientSet Open(IJobSystem system, int count) =>
        new([.. Enumerable.Range(0, count).Select(i => BenchHttpClient.Create(system.Endpoints[i % system.Endpoints.Count], system.ApiKey))]);

    /// <summary>Runs <paramref name="loop"/> once per client (with the client's index), all at once; completes when every loop has.</summary>
    public Task RunAllAsync(Func<HttpClient, int, Task> loop, CancellationToken cancellation) =>
        Task.WhenAll(_clients.Select((client, index) => Task.Run(() => loop(client, index), cancellation)));

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
