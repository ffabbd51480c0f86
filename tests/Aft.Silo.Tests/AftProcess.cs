using Aft.Testing;
using System.Diagnostics;
using System.Text;

namespace Aft.Silo.Tests;

/// <summary><c>aft serve</c> as a separate OS process, so a test can kill it the hard way and start it again.</summary>
public sealed class AftProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly NodeStore _store;

    private AftProcess(Process process, NodeStore store, string dataDir, int port)
    {
        _process = process;
        _store = store;
        DataDir = dataDir;
        Port = port;
        process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string DataDir { get; }

    public int Port { get; }

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <summary>The admin key (the first one of the store).</summary>
    public string AdminKey => _store.AdminKey(DataDir);

    public static async Task<AftProcess> StartAsync(
        NodeStore store, string dataDir, int port, int siloPort, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AftBuild.AftDll);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--data-dir");
        start.ArgumentList.Add(dataDir);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString());
        start.Environment["Aft__Cluster__SiloPort"] = siloPort.ToString();
        foreach (var (name, value) in store.Environment.Concat(environment ?? new Dictionary<string, string>()))
        {
            start.Environment[name] = value;
        }

        var aft = new AftProcess(Process.Start(start)!, store, dataDir, port);
        await aft.WaitUntilReadyAsync();
        return aft;
    }

    public HttpClient Client() => PinnedHttpClient.Create(new Uri($"https://127.0.0.1:{Port}"), DataDir, AdminKey);

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aft serve exited with {_process.ExitCode}:\n{Output}");
            }

            if (Output.Contains("AFT is listening", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"aft serve did not start:\n{Output}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
