using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Aft.Silo.Tests;

/// <summary><c>aft serve</c> as a separate OS process, so a test can kill it the hard way and start it again.</summary>
public sealed class AftProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AftProcess(Process process, string dataDir, int port)
    {
        _process = process;
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

    public static string AftDll
    {
        get
        {
            // tests/Aft.Silo.Tests/bin/<Configuration>/net10.0 → src/Aft.Cli/bin/<Configuration>/net10.0/aft.dll
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testBin.Parent!.Name;
            var root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(root, "src", "Aft.Cli", "bin", configuration, testBin.Name, "aft.dll");
        }
    }

    public static async Task<AftProcess> StartAsync(string dataDir, int port, int siloPort, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AftDll);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--data-dir");
        start.ArgumentList.Add(dataDir);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString());
        start.Environment["Aft__Orleans__SiloPort"] = siloPort.ToString();
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var aft = new AftProcess(Process.Start(start)!, dataDir, port);
        await aft.WaitUntilReadyAsync();
        return aft;
    }

    public HttpClient Client()
    {
        var pinned = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(DataDir, "tls", "aft.crt"));
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(pinned.RawData),
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{Port}") };
        client.DefaultRequestHeaders.Add("X-API-Key", File.ReadAllText(Path.Combine(DataDir, "initial-admin-key")).Trim());
        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
