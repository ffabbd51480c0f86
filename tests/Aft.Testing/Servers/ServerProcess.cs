using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Aft.Testing.Servers;

/// <summary>
/// A real server process on loopback, started by a test fixture: its output is kept (to explain a failure), it is
/// ready once its port accepts connections, and stopping kills the server process itself (not a shell around it)
/// and checks that it is gone.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the server wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> and waits until <paramref name="port"/> on 127.0.0.1 accepts connections.</summary>
    public static async Task<ServerProcess> StartAsync(
        string name, string fileName, IEnumerable<string> arguments, int port, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start");
        var server = new ServerProcess(process, name);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await PortOpenAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var why = process.HasExited ? $"exited with {process.ExitCode}" : "did not open its port in time";
                server.Dispose();
                throw new InvalidOperationException($"{name} {why} (port {port}):\n{server.Output}");
            }

            await Task.Delay(50);
        }

        return server;
    }

    /// <summary>Whether something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> PortOpenAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Kills <paramref name="pid"/> with SIGKILL and waits until it is gone (fails the test if it is not).</summary>
    public static void KillAndWait(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: false);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            // A killed process whose parent has not collected it yet is a zombie: dead, though still listed.
            while (!process.WaitForExit(TimeSpan.FromMilliseconds(20)) && !IsZombie(pid))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"process {pid} is still alive after SIGKILL");
                }
            }
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Sends a signal (<c>STOP</c>, <c>CONT</c>, <c>TERM</c>…) to <paramref name="pid"/> with kill(1).</summary>
    public static void Signal(int pid, string signal) => Signal([pid], signal);

    /// <summary>Sends a signal to several processes in one kill(1) call.</summary>
    public static void Signal(IReadOnlyCollection<int> pids, string signal)
    {
        if (pids.Count == 0)
        {
            return;
        }

        var info = new ProcessStartInfo("kill") { RedirectStandardError = true };
        info.ArgumentList.Add("-" + signal);
        foreach (var pid in pids)
        {
            info.ArgumentList.Add(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var kill = Process.Start(info)!;
        kill.StandardError.ReadToEnd();
        kill.WaitForExit();
    }

    /// <summary>The ids of the processes whose parent is <paramref name="pid"/> (a forking server's sessions).</summary>
    public static IReadOnlyList<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(dir => Path.Combine(dir, "stat")))
        {
            try
            {
                // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read from the last ')'.
                var text = File.ReadAllText(stat);
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1]) == pid)
                {
                    children.Add(int.Parse(Path.GetFileName(Path.GetDirectoryName(stat)!)));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while we looked, or it is not a process folder.
            }
        }

        return children;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillAndWait(_process.Id);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
