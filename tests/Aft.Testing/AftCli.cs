using System.Diagnostics;

namespace Aft.Testing;

/// <summary>The result of one <c>aft</c> invocation.</summary>
public sealed record AftResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the built <c>aft</c> (src/Aft.Cli's output, as <c>dotnet aft.dll</c>) as a child process.</summary>
public static class AftCli
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The built aft.dll of the same configuration as these tests.</summary>
    public static string DllPath => AftBuild.AftDll;

    /// <summary>Runs <c>aft</c> with exactly these arguments.</summary>
    public static Task<AftResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null) =>
        CompleteAsync(Start(args, environment, redirectInput: stdin is not null), stdin);

    /// <summary>
    /// Runs a command line through bash exactly as a user would type it, with <c>aft</c> meaning the built binary:
    /// the documented lines are tested verbatim, quoting included.
    /// </summary>
    public static Task<AftResult> ShellAsync(string commandLine, IReadOnlyDictionary<string, string?>? environment = null) =>
        CompleteAsync(StartProcess("bash", ["-c", $"aft() {{ exec dotnet '{DllPath}' \"$@\"; }}\n{commandLine}"], environment, redirectInput: false), null);

    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, bool redirectInput = false) =>
        StartProcess("dotnet", [DllPath, .. args], environment, redirectInput);

    public static async Task<AftResult> CompleteAsync(Process process, string? stdin, TimeSpan? timeout = null)
    {
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
                process.StandardInput.Close();
            }

            using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"aft did not exit in time; stderr so far: {await stderr}");
            }

            return new AftResult(process.ExitCode, await stdout, await stderr);
        }
    }

    private static Process StartProcess(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, bool redirectInput)
    {
        // Tests never see the developer's own service or keys.
        var variables = new Dictionary<string, string?>
        {
            ["AFT_API_KEY"] = null,
            ["AFT_DATA_DIR"] = null,
            ["AFT_HOST"] = null,
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        var info = ChildProcess.Info(fileName, args, variables);
        info.RedirectStandardInput = redirectInput;
        return Process.Start(info) ?? throw new InvalidOperationException("could not start aft");
    }
}
