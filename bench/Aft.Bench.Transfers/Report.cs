using System.Globalization;
using System.Text;

namespace Aft.Bench.Transfers;

/// <summary>The run's figures as Markdown: how they were taken, then per scenario every tool's times, throughput, CPU and its speed against AFT, and where AFT's time and memory went.</summary>
public static class Report
{
    private const double MiB = 1024 * 1024;

    public static string Render(BenchSettings settings, Machine machine, IReadOnlyList<Scenario> scenarios, IReadOnlyList<Measurement> measurements)
    {
        var report = new StringBuilder();
        var servers = scenarios.Select(scenario => scenario.Remote).Distinct().ToList();
        Line(report, $"## Transfers: AFT against command-line clients on {string.Join(", ", servers.Select(server => $"{server.Program} ({server.Protocol})"))} ({DateTime.UtcNow:yyyy-MM-dd})");
        Line(report);
        Line(report, $"Machine: {machine.Cpu}, {machine.Cores} cores, Linux {machine.Kernel}, .NET {machine.Dotnet}; {string.Join("; ", machine.Software)}. " +
            $"Load average (1/5/15 min) {machine.LoadBefore} at the start, {machine.LoadAfter} at the end.");
        Line(report);
        Line(report, $"Each tool ran {settings.Runs} times per scenario after one warm-up transfer, the tools interleaved (their order rotates from run to run). " +
            "Before every run the target folder was emptied and `sync` wrote back dirty pages; the sources were in the page cache for every tool. " +
            "Every copy was checked: file count, bytes, SHA-256 of every file, nothing else left in the target folder (on S3: no other object below " +
            "the target prefix, folder markers aside, and no unfinished multipart upload in the bucket).");
        Line(report);
        Line(report, "AFT ran as `aft serve` in its own process with VFS Library entries made over the REST API (credentials kept as secrets); each " +
            "transfer is one job of a stored script calling `CopyToVFS`, timed from `POST /v1/jobs` to the job's `finishedAt` (*job s* is its own " +
            "`startedAt`..`finishedAt`). The other tools are timed wall-clock around their process. *Client CPU* is the tool's processes or the whole " +
            "`aft serve` process; the server's CPU is its listener and every session process (sampled every 50 ms while they live, plus what they reaped).");
        foreach (var server in servers)
        {
            Line(report);
            Line(report, $"**{server.Protocol}** ({server.Program}): {Method(server.Protocol, machine)}");
        }

        Line(report);
        Line(report, "**Ratios are AFT's speed ÷ the tool's** (the tool's time ÷ AFT's, taken run by run, median and range): above 1.00 AFT is faster.");

        foreach (var scenario in scenarios)
        {
            Render(report, scenario, [.. measurements.Where(m => m.Scenario == scenario)]);
        }

        return report.ToString();
    }

    /// <summary>How the tools reach and check a server of <paramref name="protocol"/>.</summary>
    private static string Method(string protocol, Machine machine) => protocol switch
    {
        "SFTP" => "key login, pinned host key. AFT's sessions prefer aes128-gcm@openssh.com; OpenSSH sftp's default cipher here is " +
            $"{machine.DefaultCipher}. rclone's defaults check every copy with an `md5sum` run on the server over SSH; AFT and " +
            "`--sftp-disable-hashcheck` check the stored size; sftp checks nothing beyond the protocol.",
        "FTP" => "plain FTP, passive mode, password login (curl reads it from a netrc file of the run). curl stores and writes under the final " +
            "name directly and checks nothing beyond the server's transfer replies; AFT uploads to a temporary name, checks `SIZE` and renames " +
            "it into place (`RNFR`/`RNTO`), and downloads to a temporary local name, counting the end only after the server's `226`.",
        "S3" => "path-style requests over plain HTTP with s3rver's fixed keys (rclone's remote in a config file of the run, no AWS settings from " +
            "the environment). AFT uploads a large file in 8 MiB parts one at a time, each with its Content-MD5 and its ETag checked, and compares " +
            "the MD5 of the content it read with that of the parts; it downloads in one stream and compares the MD5 of what it read with the " +
            "ETag. rclone at its defaults first reads a file above 200 MiB once for its MD5 (kept as object metadata; `--s3-disable-checksum` skips " +
            "that), uploads 5 MiB chunks 4 at a time, downloads a file above 250 MiB in 4 streams (`--multi-thread-streams 1`: one), and compares " +
            "the MD5 of every copy with the object's (s3rver gives even a multipart object a plain-MD5 ETag, so this holds with " +
            "`--s3-disable-checksum` too). s3rver joins the parts of a multipart upload into one file when it is completed.",
        _ => string.Empty,
    };

    private static void Render(StringBuilder report, Scenario scenario, IReadOnlyList<Measurement> runs)
    {
        var afts = scenario.Tools.Where(tool => tool.IsAft).ToList();
        Line(report);
        Line(report, $"### {scenario.Title}");
        Line(report);
        var throughput = scenario.Expected.Files > 1 ? "files/s (MiB/s)" : "MiB/s";
        Line(report, $"| tool | median s | min–max s | runs s | {throughput} | client CPU s | {scenario.Remote.Program} CPU s | "
            + string.Join(" | ", afts.Select(aft => $"{aft.Name} speed ÷ tool's")) + " |");
        Line(report, "|---|---|---|---|---|---|---|" + string.Concat(afts.Select(_ => "---|")));
        foreach (var tool in scenario.Tools)
        {
            var mine = Of(runs, tool);
            var seconds = mine.Select(m => m.Result.Elapsed.TotalSeconds).ToList();
            var median = Stats.Median(seconds);
            var rate = scenario.Expected.Files > 1
                ? $"{scenario.Expected.Files / median:0} ({scenario.Expected.Bytes / MiB / median:0.0})"
                : $"{scenario.Expected.Bytes / MiB / median:0}";
            Line(report, $"| {tool.Name} | **{median:0.00}** | {seconds.Min():0.00}–{seconds.Max():0.00} | {string.Join(" / ", seconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))} " +
                $"| {rate} | {Stats.Median(mine.Select(m => m.Result.ClientCpuSeconds)):0.00} | {Stats.Median(mine.Select(m => m.ServerCpuSeconds)):0.00} | " +
                string.Join(" | ", afts.Select(aft => tool.IsAft ? "—" : Ratio(Of(runs, aft), mine))) + " |");
        }

        Line(report);
        Line(report, "| AFT | job s (median) | submit → start s | `aft serve` CPU s (cores busy) | RSS before → peak MiB | CPU s by thread name in the median run (×threads that ran) |");
        Line(report, "|---|---|---|---|---|---|");
        foreach (var aft in afts)
        {
            var mine = Of(runs, aft);
            var cpu = Stats.Median(mine.Select(m => m.Result.ClientCpuSeconds));
            var wall = Stats.Median(mine.Select(m => m.Result.Elapsed.TotalSeconds));
            var diagnosis = mine.Select(m => m.Result.Diagnosis!).ToList();
            var typical = mine.OrderBy(m => Math.Abs(m.Result.Elapsed.TotalSeconds - wall)).First().Result.Diagnosis!;
            Line(report, $"| {aft.Name} | {Stats.Median(mine.Select(m => m.Result.JobSpan!.Value.TotalSeconds)):0.00} " +
                $"| {Stats.Median(mine.Select(m => (m.Result.Elapsed - m.Result.JobSpan!.Value).TotalSeconds)):0.00} | {cpu:0.00} ({cpu / wall:0.00}) " +
                $"| {diagnosis.Min(d => d.RssBeforeBytes) / MiB:0} → {diagnosis.Max(d => d.PeakRssBytes) / MiB:0} " +
                $"| {string.Join(", ", typical.CpuByThreadName.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name} {t.CpuSeconds:0.00}")))} |");
        }
    }

    /// <summary>The tool's time ÷ AFT's in the same round, median and range.</summary>
    private static string Ratio(IReadOnlyList<Measurement> aft, IReadOnlyList<Measurement> tool)
    {
        var ratios = aft.Join(tool, a => a.Run, t => t.Run, (a, t) => t.Result.Elapsed / a.Result.Elapsed).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"**{Stats.Median(ratios):0.00}** ({ratios.Min():0.00}–{ratios.Max():0.00})");
    }

    private static List<Measurement> Of(IReadOnlyList<Measurement> runs, ITransferTool tool) => [.. runs.Where(m => m.Tool == tool).OrderBy(m => m.Run)];

    private static void Line(StringBuilder report, FormattableString? text = null) =>
        report.AppendLine(text is null ? string.Empty : text.ToString(CultureInfo.InvariantCulture));

    private static void Line(StringBuilder report, string text) => report.AppendLine(text);
}
