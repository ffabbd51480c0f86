using System.Diagnostics;
using System.Globalization;
using Aft.Testing.Servers;

namespace Aft.Bench.Transfers;

/// <summary>
/// One run: in a <see cref="BenchEnvironment"/> (one sshd on loopback, the data set, the AFT nodes), every scenario
/// with every tool, interleaved (the tools' order rotates from run to run so a drift in the machine's load does not
/// fall on one tool), each copy checked (file count, size, SHA-256, nothing else left in the target folder). Prints
/// the Markdown report.
/// </summary>
public static class TransferBenchmark
{
    private const string AesGcm = "aes128-gcm@openssh.com";

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var missing = new[] { "sftp", "ssh-keyscan", "rclone", "sync" }.Where(command => !ExternalCommand.OnPath(command)).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"Aft.Bench.Transfers: not on the PATH: {string.Join(", ", missing)} (install openssh-client and rclone)");
            return 2;
        }

        var startLoad = Machine.LoadAverage();
        await using var environment = await BenchEnvironment.StartAsync(settings, Progress);
        var defaultCipher = await environment.Ssh.NegotiatedCipherAsync(null);
        var measurements = new List<Measurement>();
        var scenarios = await ScenariosAsync(environment, settings, defaultCipher);
        foreach (var scenario in scenarios.Where(scenario => settings.Only is null || (scenario.Expected.Files > 1) == (settings.Only == "small")))
        {
            await MeasureAsync(scenario, settings, environment, measurements);
        }

        var machine = await Machine.DescribeAsync(startLoad, defaultCipher);
        var report = Report.Render(settings, machine, [.. scenarios.Where(scenario => measurements.Any(m => m.Scenario == scenario))], measurements);
        Console.WriteLine(report);
        if (settings.OutFile is { } outFile)
        {
            await File.WriteAllTextAsync(outFile, report);
        }

        return 0;
    }

    private static async Task<Scenario[]> ScenariosAsync(BenchEnvironment environment, BenchSettings settings, string defaultCipher)
    {
        var (ssh, layout, data) = (environment.Ssh, environment.Layout, environment.Data);
        RcloneTool Rclone(string name, string[] flags) => new(name, ssh.RcloneRemote, layout, environment.RcloneConfig, flags);
        ITransferTool[] bigFileTools =
        [
            environment.AftDefaults,
            new SftpCliTool(ssh, layout, environment.Work, null, defaultCipher),
            new SftpCliTool(ssh, layout, environment.Work, AesGcm, await ssh.NegotiatedCipherAsync(AesGcm)),
            Rclone("rclone copy (defaults)", []),
            Rclone("rclone copy --sftp-disable-hashcheck", ["--sftp-disable-hashcheck"]),
        ];
        ITransferTool[] smallFileTools =
        [
            environment.AftDefaults,
            .. environment.AftTuned,
            Rclone("rclone copy --transfers 8", ["--transfers", "8"]),
            Rclone("rclone copy --transfers 8 --sftp-disable-hashcheck", ["--transfers", "8", "--sftp-disable-hashcheck"]),
        ];

        var big = settings.BigFileMiB % 1024 == 0 ? $"{settings.BigFileMiB / 1024} GiB" : $"{settings.BigFileMiB} MiB";
        return
        [
            new($"{big} file, upload (local disk → SFTP)", new(Side.Local, Dataset.BigFile, "/up"), new(Side.Local, Dataset.WarmFile, "/warmed"), data.Big, bigFileTools),
            new($"{big} file, download (SFTP → local disk)", new(Side.Remote, Dataset.BigFile, "/down"), new(Side.Remote, Dataset.WarmFile, "/warmed"), data.Big, bigFileTools),
            new($"{settings.SmallFiles} files of {settings.SmallFileKiB} KiB in {Dataset.Folders(settings.SmallFiles)} folders, upload (local disk → SFTP)",
                new(Side.Local, Dataset.Tree, "/trees"), new(Side.Local, Dataset.WarmTree, "/warmed"), data.TreeDigest, smallFileTools),

            // FTP vs curl (vsftpd) and S3 vs rclone (s3rver) go here once the FTP and S3 backends land: AftTool
            // works for any VFS type once PrepareAsync defines that type's Library entry; RcloneTool takes any rclone
            // remote (":s3,provider=Other,endpoint=http://127.0.0.1:PORT,...:"); FTP needs a vsftpd fixture and a
            // curl tool (-T to upload, -o to download). See docs/benchmarks.md, "Transfers: what comes next".
        ];
    }

    private static async Task MeasureAsync(Scenario scenario, BenchSettings settings, BenchEnvironment environment, List<Measurement> measurements)
    {
        var (layout, sshdPid) = (environment.Layout, environment.SshdPid);
        foreach (var tool in scenario.Tools)
        {
            Progress($"warm-up: {tool.Name}, {scenario.WarmUp.Direction} of {scenario.WarmUp.Path}");
            await ResetAsync(layout, scenario.WarmUp);
            await tool.CopyAsync(scenario.WarmUp, settings.TransferTimeout);
        }

        for (var run = 0; run < settings.Runs; run++)
        {
            for (var i = 0; i < scenario.Tools.Count; i++)
            {
                var tool = scenario.Tools[(run + i) % scenario.Tools.Count];
                await ResetAsync(layout, scenario.Transfer);
                var sessionsBefore = ProcStat.Descendants(sshdPid);
                var server = TreeCpuMeter.Start(sshdPid);
                var sampler = PeriodicSampler.Start(server.Sample);
                var result = await tool.CopyAsync(scenario.Transfer, settings.TransferTimeout);
                await SessionsEndedAsync(sshdPid, sessionsBefore);
                await sampler.StopAsync();
                await VerifyAsync(layout, scenario, tool);
                measurements.Add(new Measurement(scenario, tool, run, result, server.CpuSeconds));
                Progress(string.Create(CultureInfo.InvariantCulture,
                    $"{scenario.Title} | run {run + 1}/{settings.Runs} | {tool.Name}: {result.Elapsed.TotalSeconds:0.00} s"));
            }
        }
    }

    /// <summary>
    /// Waits (bounded: AFT's pooled sessions stay open) until the sessions the tool opened have ended, so the sshd CPU
    /// they used until their end is metered: a client exits as soon as it has its last answer.
    /// </summary>
    private static async Task SessionsEndedAsync(int sshdPid, IReadOnlySet<int> sessionsBefore)
    {
        for (var tries = 0; tries < 150 && !ProcStat.Descendants(sshdPid).IsSubsetOf(sessionsBefore); tries++)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Empties the target folder (owned by the SFTP account on the remote side) and writes back what the previous copy
    /// left in the page cache, so no tool pays for another's writes.
    /// </summary>
    private static async Task ResetAsync(BenchLayout layout, TransferCase transfer)
    {
        var folder = layout.OnDisk(transfer.To, transfer.Into);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        if (transfer.To == Side.Remote)
        {
            SshdServer.GiveToUser(folder);
        }

        using var sync = Process.Start("sync") ?? throw new InvalidOperationException("sync did not start");
        await sync.WaitForExitAsync();
    }

    /// <summary>A fast wrong copy must not win: the copy holds exactly the source's files and bytes, and nothing else is left in the target folder.</summary>
    private static async Task VerifyAsync(BenchLayout layout, Scenario scenario, ITransferTool tool)
    {
        var transfer = scenario.Transfer;
        var copy = await ContentDigest.OfAsync(layout.OnDisk(transfer.To, transfer.Result));
        if (copy != scenario.Expected)
        {
            throw new InvalidOperationException($"{tool.Name} copied {transfer.Path} wrong: {copy} instead of {scenario.Expected}");
        }

        var left = Directory.GetFileSystemEntries(layout.OnDisk(transfer.To, transfer.Into));
        if (left.Length != 1)
        {
            throw new InvalidOperationException($"{tool.Name} left {string.Join(", ", left.Select(Path.GetFileName))} in {transfer.Into}");
        }
    }

    private static void Progress(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}
