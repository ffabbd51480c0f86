using System.Text.Json;
using System.Text.RegularExpressions;
using Aft.Testing;
using Aft.Testing.Servers;

namespace Aft.Bench.Transfers;

/// <summary>What the report says about the machine and the software measured.</summary>
/// <param name="Cpu">The CPU model.</param>
/// <param name="Cores">Logical cores.</param>
/// <param name="Kernel">The Linux kernel's release.</param>
/// <param name="Dotnet">The .NET runtime's version.</param>
/// <param name="Software">The clients, servers and AFT's libraries of the protocols measured, with their versions.</param>
/// <param name="DefaultCipher">The cipher OpenSSH's sftp negotiates at its defaults (null when SFTP is not measured).</param>
/// <param name="LoadBefore">The load averages when the run started.</param>
/// <param name="LoadAfter">The load averages when it ended.</param>
public sealed record Machine(
    string Cpu, int Cores, string Kernel, string Dotnet, IReadOnlyList<string> Software, string? DefaultCipher, string LoadBefore, string LoadAfter)
{
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(30);

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

    /// <param name="loadBefore">The load averages when the run started.</param>
    /// <param name="defaultCipher">sftp's default cipher, when SFTP was measured.</param>
    /// <param name="protocols">The protocols measured ("sftp", "ftp", "s3").</param>
    public static async Task<Machine> DescribeAsync(string loadBefore, string? defaultCipher, IReadOnlySet<string> protocols)
    {
        var cpu = File.ReadAllLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown";
        var deps = await File.ReadAllTextAsync(Path.ChangeExtension(AftBuild.AftDll, ".deps.json"));
        var software = new List<string>();
        if (protocols.Contains("sftp") || protocols.Contains("s3"))
        {
            software.Add(FirstLine(await ExternalCommand.RunAsync("rclone", ["version"], Probe)));
        }

        if (protocols.Contains("sftp"))
        {
            software.Add(FirstLine(await ExternalCommand.RunAsync("ssh", ["-V"], Probe)));
            software.Add($"AFT's SFTP backend on SSH.NET {PackageVersion(deps, "SSH.NET")}");
        }

        if (protocols.Contains("ftp"))
        {
            software.Add(string.Join(' ', FirstLine(await ExternalCommand.RunAsync("curl", ["--version"], Probe)).Split(' ')[..2]));

            // vsftpd -v writes its version to its standard input.
            var vsftpd = TestServers.Find("vsftpd", "vsftpd/usr/sbin/vsftpd");
            software.Add(FirstLine(await ExternalCommand.RunAsync("sh", ["-c", "\"$0\" -v 0>&1", vsftpd], Probe)).Replace(": version", string.Empty, StringComparison.Ordinal));
            software.Add("AFT's own FTP client");
        }

        if (protocols.Contains("s3"))
        {
            await using var package = File.OpenRead(TestServers.Find("s3rver", "node/node_modules/s3rver/package.json"));
            var s3rver = (await JsonDocument.ParseAsync(package)).RootElement.GetProperty("version").GetString();
            software.Add($"s3rver {s3rver} on node {FirstLine(await ExternalCommand.RunAsync("node", ["--version"], Probe))}");
            software.Add($"AFT's S3 backend on AWSSDK.S3 {PackageVersion(deps, "AWSSDK.S3")}");
        }

        return new Machine(cpu, Environment.ProcessorCount, File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), Environment.Version.ToString(),
            software, defaultCipher, loadBefore, LoadAverage());
    }

    private static string FirstLine(CommandResult result) => result.Output.Split('\n')[0].Trim();

    /// <summary>The version of a package aft.dll was built with, from its deps.json.</summary>
    private static string PackageVersion(string deps, string package) =>
        new Regex($"\"{Regex.Escape(package)}/(?<version>[^\"]+)\"").Match(deps) is { Success: true } match ? match.Groups["version"].Value : "unknown";
}
