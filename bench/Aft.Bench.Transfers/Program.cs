using System.Runtime.Versioning;
using Aft.Bench.Transfers;

// It reads /proc and runs OpenSSH's sshd: Linux only.
[assembly: SupportedOSPlatform("linux")]

if (BenchSettings.Parse(args, out var problem) is not { } settings)
{
    Console.Error.WriteLine($"Aft.Bench.Transfers: {problem}");
    Console.Error.WriteLine(BenchSettings.Usage);
    return 2;
}

return await TransferBenchmark.RunAsync(settings);
