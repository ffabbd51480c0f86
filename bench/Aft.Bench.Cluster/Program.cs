using System.Runtime.Versioning;
using Aft.Bench.Cluster;

// It reads /proc and runs PostgreSQL through setpriv: Linux only.
[assembly: SupportedOSPlatform("linux")]

if (BenchSettings.Parse(args, out var problem) is not { } settings)
{
    Console.Error.WriteLine($"Aft.Bench.Cluster: {problem}");
    Console.Error.WriteLine(BenchSettings.Usage);
    return 2;
}

// Ctrl-C ends the run through its cleanup: every server it started is stopped and every temp folder deleted.
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    stopping.Cancel();
};

var command = string.Join(' ', Environment.GetCommandLineArgs().Select((argument, index) =>
    index == 0 ? Path.GetRelativePath(Environment.CurrentDirectory, argument) : argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument));
try
{
    return await ClusterBenchmark.RunAsync(settings, $"dotnet {command}", stopping.Token);
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    Console.Error.WriteLine("Aft.Bench.Cluster: stopped by Ctrl-C; the servers it started are stopped and their folders deleted");
    return 130;
}
