using Aft.Testing;
using System.Globalization;

namespace Aft.Bench.Cluster;

/// <summary>One <c>aft serve</c> (the built src/Aft.Cli aft.dll) in its own process, on a data dir and HTTPS port of its own.</summary>
public sealed class AftSilo : IDisposable
{
    private readonly ServerProcess _process;

    private AftSilo(ServerProcess process, string dataDir, Uri endpoint)
    {
        _process = process;
        DataDir = dataDir;
        Endpoint = endpoint;
    }

    public string DataDir { get; }

    public Uri Endpoint { get; }

    public int Pid => _process.Pid;

    /// <summary>Starts a silo and waits until it listens; <paramref name="settings"/> holds configuration as environment variables (<c>Aft__Store__Provider</c>).</summary>
    public static async Task<AftSilo> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellation)
    {
        var dataDir = Directory.CreateTempSubdirectory("aft-bench-cluster-silo-").FullName;
        var port = LoopbackPorts.Free();
        var environment = new Dictionary<string, string>(settings) { ["Logging__LogLevel__Default"] = "Warning" };
        try
        {
            var process = await ServerProcess.StartAsync("aft serve", "dotnet",
                [BuildOutputs.AftDll, "serve", "--data-dir", dataDir, "--port", port.ToString(CultureInfo.InvariantCulture)],
                environment, "AFT is listening", cancellation);
            return new AftSilo(process, dataDir, new Uri($"https://127.0.0.1:{port}"));
        }
        catch
        {
            Directory.Delete(dataDir, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        Directory.Delete(DataDir, recursive: true);
    }
}
