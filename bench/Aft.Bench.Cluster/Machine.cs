using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Aft.Bench.Cluster;

/// <summary>What the report says about the machine and the software measured.</summary>
/// <param name="Cpu">The CPU model.</param>
/// <param name="Cores">Logical cores.</param>
/// <param name="Os">The distribution's name (<c>PRETTY_NAME</c> of /etc/os-release) and the kernel's release.</param>
/// <param name="Dotnet">The .NET runtime.</param>
/// <param name="Aft">The commit aft.dll was built from (<c>-dirty</c>: with changes not committed).</param>
/// <param name="Hangfire">The Hangfire peer's packages and their versions.</param>
public sealed record Machine(string Cpu, int Cores, string Os, string Dotnet, string Aft, string Hangfire)
{
    private static readonly TimeSpan GitLimit = TimeSpan.FromSeconds(30);
    private static readonly string[] PeerPackages = ["Hangfire.Core", "Hangfire.AspNetCore", "Hangfire.PostgreSql", "Npgsql"];

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

    public static async Task<Machine> DescribeAsync(CancellationToken cancellation)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
        var os = File.ReadLines("/etc/os-release").FirstOrDefault(line => line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? "Linux";
        var kernel = (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease", cancellation)).Trim();
        var commit = await ExternalCommand.RunAsync("git", ["-C", BuildOutputs.Root, "describe", "--always", "--dirty"], GitLimit, cancellation);
        var deps = await File.ReadAllTextAsync(Path.ChangeExtension(BuildOutputs.HangfireDll, ".deps.json"), cancellation);
        var peer = string.Join(", ", PeerPackages.Select(package => $"{package} {PackageVersion(deps, package)}"));
        return new Machine(cpu, Environment.ProcessorCount, $"{os}, Linux {kernel}", RuntimeInformation.FrameworkDescription, commit.Trim(), peer);
    }

    /// <summary>The version of a package the peer was built with, from its deps.json.</summary>
    private static string PackageVersion(string deps, string package) =>
        new Regex($"\"{Regex.Escape(package)}/(?<version>[^\"]+)\"").Match(deps) is { Success: true } match ? match.Groups["version"].Value : "unknown";
}
