using System.Diagnostics;

namespace Aft.Cli.Service;

/// <summary>A host program <c>aft svc</c> runs (<c>systemctl</c>, <c>useradd</c>, <c>chown</c>), found on PATH.</summary>
public static class SystemTool
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Runs <paramref name="program"/> to its end; its stdout and stderr together are the output.</summary>
    /// <exception cref="CliException">The program is not on PATH.</exception>
    public static async Task<Result> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(Find(program)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }

    /// <summary>Runs <paramref name="program"/> and fails with its own words unless it succeeds.</summary>
    public static async Task<string> RunCheckedAsync(string program, params string[] arguments)
    {
        var result = await RunAsync(program, arguments);
        return result.ExitCode == 0
            ? result.Output
            : throw new CliException($"'{program} {string.Join(' ', arguments)}' failed (exit {result.ExitCode}): {OneLine(result.Output)}");
    }

    private static string Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists)
        ?? throw new CliException(program == "systemctl"
            ? "systemd's systemctl is not on this machine; 'aft svc' manages AFT as a systemd service (operations.md shows how to run it without)"
            : $"'{program}' is not on PATH");

    private static string OneLine(string output) =>
        string.Join(' ', output.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries)) is { Length: > 0 } line ? line : "no output";
}
