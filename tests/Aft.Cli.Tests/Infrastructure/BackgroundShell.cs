using Aft.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Aft.Cli.Tests.Infrastructure;

/// <summary>
/// A shell command line left running, in a process group of its own so that a stop reaches all it started (such as
/// <c>dotnet run</c> and the <c>aft</c> it runs), as Ctrl-C in a terminal would.
/// </summary>
public sealed class BackgroundShell : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BackgroundShell(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Its output so far, stdout and stderr as the lines came.</summary>
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

    /// <param name="environment">Variables to set; a null value removes one.</param>
    public static BackgroundShell Start(string commandLine, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        // setsid makes bash the leader of a new process group, whose id is then its process id.
        var info = ChildProcess.Info("setsid", ["bash", "-c", commandLine], environment, workingDirectory);
        return new BackgroundShell(Process.Start(info) ?? throw new InvalidOperationException($"could not start: {commandLine}"));
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails if the command ends first or time runs out.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no '{text}' {(_process.HasExited ? $"before it exited with {_process.ExitCode}" : $"within {timeout}")}:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>SIGTERM to the whole group, then waits for the end; returns the output.</summary>
    public async Task<string> StopAsync()
    {
        await SignalGroupAsync("TERM");
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        return Output;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await SignalGroupAsync("KILL");
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task SignalGroupAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", "--", "-" + _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
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
