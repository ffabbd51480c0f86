using System.Diagnostics;

namespace Aft.Bench.Transfers;

/// <summary>Runs a command (sftp, curl, rclone, ssh-keyscan) to its end within a time limit and reports its wall-clock and CPU time.</summary>
public static class ExternalCommand
{
    /// <summary>Runs <paramref name="file"/>; fails with the tool's own error output when it exits non-zero or runs too long.</summary>
    /// <param name="file">The command.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <param name="withoutVariables">Environment variables it does not get.</param>
    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, params IEnumerable<string> withoutVariables)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var variable in withoutVariables)
        {
            info.Environment.Remove(variable);
        }

        var self = Environment.ProcessId;
        var cpuBefore = ProcStat.Times(self)!.ReapedSeconds;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{file} did not finish within {timeout.TotalSeconds:0} s");
        }

        var elapsed = clock.Elapsed;
        // The exited tool was reaped by this process, so its CPU time (and its own children's, ssh under sftp) is in ours now.
        var cpu = ProcStat.Times(self)!.ReapedSeconds - cpuBefore;
        var text = (await output + await error).Trim();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {Tail(text)}");
        }

        return new CommandResult(text, elapsed, cpu);
    }

    /// <summary>Whether <paramref name="command"/> is an executable file in a folder of the PATH.</summary>
    public static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, command)));

    private static string Tail(string text) => text.Length <= 2000 ? text : "…" + text[^2000..];
}
