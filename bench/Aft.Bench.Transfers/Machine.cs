using System.Text.RegularExpressions;
using Aft.Testing;

namespace Aft.Bench.Transfers;

/// <summary>What the report says about the machine and the software measured.</summary>
public sealed partial record Machine(string Cpu, int Cores, string Kernel, string Dotnet, string OpenSsh, string Rclone, string SshNet,
    string DefaultCipher, string LoadBefore, string LoadAfter)
{
    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

    public static async Task<Machine> DescribeAsync(string loadBefore, string defaultCipher)
    {
        var cpu = File.ReadAllLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown";
        var timeout = TimeSpan.FromSeconds(30);
        var openSsh = (await ExternalCommand.RunAsync("ssh", ["-V"], timeout)).Output;
        var rclone = (await ExternalCommand.RunAsync("rclone", ["version"], timeout)).Output.Split('\n')[0];
        var deps = await File.ReadAllTextAsync(Path.ChangeExtension(AftBuild.AftDll, ".deps.json"));
        var sshNet = SshNetPackage().Match(deps) is { Success: true } match ? match.Groups["version"].Value : "unknown";
        return new Machine(cpu, Environment.ProcessorCount, File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), Environment.Version.ToString(),
            openSsh, rclone, sshNet, defaultCipher, loadBefore, LoadAverage());
    }

    [GeneratedRegex("\"SSH\\.NET/(?<version>[^\"]+)\"")]
    private static partial Regex SshNetPackage();
}
