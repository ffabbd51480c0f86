using System.Diagnostics;

namespace Aft.Bench.Cluster;

/// <summary>Runs a command that ends by itself (initdb, chown, <c>aft db init</c>) within a time limit.</summary>
public static class ExternalCommand
{
    /// <inheritdoc cref="RunAsync(string, IEnumerable{string}, IReadOnlyDictionary{string, string}, TimeSpan, CancellationToken)"/>
    public static Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan limit, CancellationToken cancellation) =>
        RunAsync(file, arguments, new Dictionary<string, string>(), limit, cancellation);

    /// <summary>Runs <paramref name="file"/> and returns its standard output; fails with its error output when it exits non-zero or runs too long.</summary>
    /// <param name="file">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Environment variables it gets besides this process's.</param>
    /// <param name="limit">How long it may run.</param>
    /// <param name="cancellation">Stops it early.</param>
    public static async Task<string> RunAsync(
        string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan limit, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellation.ThrowIfCancellationRequested();
            throw new TimeoutException($"{file} did not end within {limit.TotalSeconds:0} s");
        }

        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {(await error + await output).Trim()}");
    }
}
