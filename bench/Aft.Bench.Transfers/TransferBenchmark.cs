using System.Diagnostics;
using System.Globalization;

namespace Aft.Bench.Transfers;

/// <summary>
/// One run: in a <see cref="BenchEnvironment"/> (the servers on loopback, the data set, the AFT nodes), every selected
/// scenario with every tool, interleaved (the tools' order rotates from run to run so a drift in the machine's load
/// does not fall on one tool), each copy checked (file count, size, SHA-256, nothing else left in the target folder).
/// Prints the Markdown report.
/// </summary>
public static class TransferBenchmark
{
    private const string AesGcm = "aes128-gcm@openssh.com";

    // The scenario groups there are (--only picks among them): the large file up and down, and the small files up.
    private static readonly (string Protocol, bool SmallFiles)[] Groups = [("sftp", false), ("sftp", true), ("ftp", false), ("s3", false), ("s3", true)];

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var groups = Groups.Where(group => settings.Measures(group.Protocol, group.SmallFiles)).ToList();
        var protocols = groups.Select(group => group.Protocol).ToHashSet();
        if (groups.Count == 0)
        {
            Console.Error.WriteLine($"Aft.Bench.Transfers: no scenario is --only {string.Join(',', settings.Only)} (FTP has no small-files scenario)");
            return 2;
        }

        var commands = new List<string> { "sync" };
        if (protocols.Contains("sftp"))
        {
            commands.AddRange(["sftp", "ssh-keyscan"]);
        }

        if (protocols.Contains("ftp"))
        {
            commands.Add("curl");
        }

        if (protocols.Contains("sftp") || protocols.Contains("s3"))
        {
            commands.Add("rclone");
        }

        var missing = commands.Where(command => !ExternalCommand.OnPath(command)).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"Aft.Bench.Transfers: not on the PATH: {string.Join(", ", missing)} (install openssh-client, curl and rclone)");
            return 2;
        }

        var startLoad = Machine.LoadAverage();
        await using var environment = await BenchEnvironment.StartAsync(settings, protocols, groups.Any(group => group.SmallFiles), Progress);
        var defaultCipher = environment.Sftp is null ? null : await environment.Ssh.NegotiatedCipherAsync(null);
        var measurements = new List<Measurement>();
        var scenarios = (await ScenariosAsync(environment, settings, defaultCipher))
            .Where(scenario => settings.Measures(scenario.Remote.Protocol.ToLowerInvariant(), scenario.SmallFiles))
            .ToList();
        foreach (var scenario in scenarios)
        {
            await MeasureAsync(scenario, settings, environment, measurements);
        }

        var machine = await Machine.DescribeAsync(startLoad, defaultCipher, protocols);
        var report = Report.Render(settings, machine, scenarios, measurements);
        Console.WriteLine(report);
        if (settings.OutFile is { } outFile)
        {
            await File.WriteAllTextAsync(outFile, report);
        }

        return 0;
    }

    /// <summary>Every scenario of the servers the environment started.</summary>
    private static async Task<List<Scenario>> ScenariosAsync(BenchEnvironment environment, BenchSettings settings, string? defaultCipher)
    {
        var (local, data) = (environment.Local.Root, environment.Data);
        var big = settings.BigFileMiB % 1024 == 0 ? $"{settings.BigFileMiB / 1024} GiB" : $"{settings.BigFileMiB} MiB";
        Scenario Upload(RemoteServer remote, ITransferTool[] tools) =>
            new($"{big} file, upload (local disk → {remote.Protocol})", remote,
                new(Side.Local, Dataset.BigFile, "/up"), new(Side.Local, Dataset.WarmFile, "/warmed"), data.Big, tools);
        Scenario Download(RemoteServer remote, ITransferTool[] tools) =>
            new($"{big} file, download ({remote.Protocol} → local disk)", remote,
                new(Side.Remote, Dataset.BigFile, "/down"), new(Side.Remote, Dataset.WarmFile, "/warmed"), data.Big, tools);
        Scenario Tree(RemoteServer remote, ITransferTool[] tools) =>
            new($"{settings.SmallFiles} files of {settings.SmallFileKiB} KiB in {Dataset.Folders(settings.SmallFiles)} folders, upload (local disk → {remote.Protocol})",
                remote, new(Side.Local, Dataset.Tree, "/trees"), new(Side.Local, Dataset.WarmTree, "/warmed"), data.TreeDigest, tools);

        var scenarios = new List<Scenario>();
        if (environment.Sftp is { } sftp)
        {
            var (ssh, layout) = (environment.Ssh, new BenchLayout(local, environment.SftpRoot));
            RcloneTool Rclone(string name, string[] flags) => new(name, new BenchLayout(local, ssh.RcloneRemote + environment.SftpRoot), environment.RcloneConfig, flags);
            ITransferTool[] bigFileTools =
            [
                environment.AftDefaults(sftp),
                new SftpCliTool(ssh, layout, environment.Work, null, defaultCipher!),
                new SftpCliTool(ssh, layout, environment.Work, AesGcm, await ssh.NegotiatedCipherAsync(AesGcm)),
                Rclone("rclone copy (defaults)", []),
                Rclone("rclone copy --sftp-disable-hashcheck", ["--sftp-disable-hashcheck"]),
            ];
            scenarios.AddRange([
                Upload(sftp, bigFileTools),
                Download(sftp, bigFileTools),
                Tree(sftp, [
                    environment.AftDefaults(sftp),
                    .. environment.AftTuned(sftp),
                    Rclone("rclone copy --transfers 8", ["--transfers", "8"]),
                    Rclone("rclone copy --transfers 8 --sftp-disable-hashcheck", ["--transfers", "8", "--sftp-disable-hashcheck"]),
                ]),
            ]);
        }

        if (environment.Ftp is { } ftp)
        {
            ITransferTool[] tools = [environment.AftDefaults(ftp), new CurlFtpTool(new BenchLayout(local, environment.FtpLogin.RootUrl), environment.FtpLogin.NetrcFile)];
            scenarios.AddRange([Upload(ftp, tools), Download(ftp, tools)]);
        }

        if (environment.S3 is { } s3)
        {
            RcloneTool Rclone(string name, string[] flags) => new(name, new BenchLayout(local, environment.S3RcloneRoot), environment.S3RcloneConfig, flags);
            scenarios.AddRange([
                Upload(s3, [
                    environment.AftDefaults(s3),
                    Rclone("rclone copy (defaults)", []),
                    Rclone("rclone copy --s3-disable-checksum", ["--s3-disable-checksum"]),
                ]),
                Download(s3, [
                    environment.AftDefaults(s3),
                    Rclone("rclone copy (defaults)", []),
                    Rclone("rclone copy --multi-thread-streams 1", ["--multi-thread-streams", "1"]),
                ]),
                Tree(s3, [
                    environment.AftDefaults(s3),
                    .. environment.AftTuned(s3),
                    Rclone("rclone copy --transfers 8", ["--transfers", "8"]),
                ]),
            ]);
        }

        return scenarios;
    }

    private static async Task MeasureAsync(Scenario scenario, BenchSettings settings, BenchEnvironment environment, List<Measurement> measurements)
    {
        var serverPid = scenario.Remote.Pid;
        ISideFiles Files(Side side) => side == Side.Local ? environment.Local : scenario.Remote.Files;
        foreach (var tool in scenario.Tools)
        {
            Progress($"warm-up: {tool.Name}, {scenario.WarmUp.Direction} of {scenario.WarmUp.Path} ({scenario.Remote.Protocol})");
            await ResetAsync(Files(scenario.WarmUp.To), scenario.WarmUp);
            await tool.CopyAsync(scenario.WarmUp, settings.TransferTimeout);
        }

        for (var run = 0; run < settings.Runs; run++)
        {
            for (var i = 0; i < scenario.Tools.Count; i++)
            {
                var tool = scenario.Tools[(run + i) % scenario.Tools.Count];
                await ResetAsync(Files(scenario.Transfer.To), scenario.Transfer);
                var sessionsBefore = ProcStat.Descendants(serverPid);
                var server = TreeCpuMeter.Start(serverPid);
                var sampler = PeriodicSampler.Start(server.Sample);
                var result = await tool.CopyAsync(scenario.Transfer, settings.TransferTimeout);
                await SessionsEndedAsync(serverPid, sessionsBefore);
                await sampler.StopAsync();
                await VerifyAsync(Files(scenario.Transfer.To), scenario, tool);
                measurements.Add(new Measurement(scenario, tool, run, result, server.CpuSeconds));
                Progress(string.Create(CultureInfo.InvariantCulture,
                    $"{scenario.Title} | run {run + 1}/{settings.Runs} | {tool.Name}: {result.Elapsed.TotalSeconds:0.00} s"));
            }
        }
    }

    /// <summary>
    /// Waits (bounded: AFT's pooled sessions stay open) until the sessions the tool opened on a forking server (sshd,
    /// vsftpd) have ended, so the server CPU they used until their end is metered: a client exits as soon as it has its
    /// last answer.
    /// </summary>
    private static async Task SessionsEndedAsync(int serverPid, IReadOnlySet<int> sessionsBefore)
    {
        for (var tries = 0; tries < 150 && !ProcStat.Descendants(serverPid).IsSubsetOf(sessionsBefore); tries++)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Empties the target folder (owned by the server's account on a remote disk side; an emptied prefix on S3) and
    /// writes back what the previous copy left in the page cache, so no tool pays for another's writes.
    /// </summary>
    private static async Task ResetAsync(ISideFiles target, TransferCase transfer)
    {
        target.Clear(transfer.Into);
        using var sync = Process.Start("sync") ?? throw new InvalidOperationException("sync did not start");
        await sync.WaitForExitAsync();
    }

    /// <summary>A fast wrong copy must not win: the copy holds exactly the source's files and bytes, and nothing else is left in the target folder.</summary>
    private static async Task VerifyAsync(ISideFiles target, Scenario scenario, ITransferTool tool)
    {
        var transfer = scenario.Transfer;
        var copy = await target.DigestAsync(transfer.Result);
        if (copy != scenario.Expected)
        {
            throw new InvalidOperationException($"{tool.Name} copied {transfer.Path} wrong: {copy} instead of {scenario.Expected}");
        }

        var left = target.Leftovers(transfer.Into, Path.GetFileName(transfer.Result));
        if (left.Count > 0)
        {
            throw new InvalidOperationException($"{tool.Name} left {string.Join(", ", left)} in {transfer.Into}");
        }
    }

    private static void Progress(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}
