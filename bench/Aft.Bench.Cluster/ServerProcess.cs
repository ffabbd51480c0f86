using System.Diagnostics;

namespace Aft.Bench.Cluster;

/// <summary>
/// A server this benchmark started (an AFT silo, the Hangfire peer, the postmaster), run directly with no shell in
/// between, so the process held is the server itself. It is ready once it printed its ready text; its last lines of
/// output are kept to explain a failure. Disposing kills it, should it still run, and waits until it is gone.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private const int KeptLines = 40;
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly string _name;
    private readonly string _readyText;
    private readonly Queue<string> _lastLines = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, string name, string readyText)
    {
        _process = process;
        _name = name;
        _readyText = readyText;
    }

    public int Pid => _process.Id;

    /// <summary>What it printed last, to explain a failure.</summary>
    public string LastLines
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    /// <summary>Starts <paramref name="file"/> and waits until a line of its output contains <paramref name="readyText"/>.</summary>
    public static async Task<ServerProcess> StartAsync(
        string name, string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string readyText,
        CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable] = value;
        }

        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start"), name, readyText);
        server._process.OutputDataReceived += (_, line) => server.Take(line.Data);
        server._process.ErrorDataReceived += (_, line) => server.Take(line.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(StartLimit);
            await Task.WhenAny(server._ready.Task, server._process.WaitForExitAsync(deadline.Token));
            cancellation.ThrowIfCancellationRequested();
            if (!server._ready.Task.IsCompleted)
            {
                var why = server._process.HasExited ? $"exited with {server._process.ExitCode}" : $"was not ready within {StartLimit.TotalSeconds:0} s";
                throw new InvalidOperationException($"{name} {why}; its last output:\n{server.LastLines}");
            }

            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        if (!_process.WaitForExit(ExitLimit))
        {
            Console.Error.WriteLine($"warning: {_name} (pid {Pid}) is still running after it was killed");
        }

        _process.Dispose();
    }

    private void Take(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }

        if (line.Contains(_readyText, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
