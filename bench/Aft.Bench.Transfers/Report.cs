using System.Globalization;
using System.Text;

namespace Aft.Bench.Transfers;

/// <summary>The run's figures as Markdown: per scenario, every tool's times, throughput, CPU and its speed against AFT; then where AFT's time and memory went.</summary>
public static class Report
{
    private const double MiB = 1024 * 1024;

    public static string Render(BenchSettings settings, Machine machine, IReadOnlyList<Scenario> scenarios, IReadOnlyList<Measurement> measurements)
    {
        var report = new StringBuilder();
        Line(report, $"## Transfers: AFT against OpenSSH sftp and rclone on one sshd ({DateTime.UtcNow:yyyy-MM-dd})");
        Line(report);
        Line(report, $"Machine: {machine.Cpu}, {machine.Cores} cores, Linux {machine.Kernel}, .NET {machine.Dotnet}; {machine.OpenSsh}; {machine.Rclone}; " +
            $"AFT's SFTP backend on SSH.NET {machine.SshNet}. Load average (1/5/15 min) {machine.LoadBefore} at the start, {machine.LoadAfter} at the end.");
        Line(report);
        Line(report, $"Each tool ran {settings.Runs} times per scenario after one warm-up transfer, the tools interleaved (their order rotates from run to run). " +
            "Before every run the target folder was emptied and `sync` wrote back dirty pages; the sources were in the page cache for every tool. " +
            "Every copy was checked: file count, bytes, SHA-256 of every file, nothing else left in the target folder.");
        Line(report);
        Line(report, "AFT ran as `aft serve` in its own process with VFS Library entries made over the REST API (key login, pinned host key); each " +
            "transfer is one job of a stored script calling `CopyToVFS`, timed from `POST /v1/jobs` to the job's `finishedAt` (*job s* is its own " +
            "`startedAt`..`finishedAt`). AFT's sessions prefer aes128-gcm@openssh.com; OpenSSH sftp's default cipher here is " +
            $"{machine.DefaultCipher}. *Client CPU* is the tool's processes (sftp with its ssh child, rclone) or the whole `aft serve` process; " +
            "*sshd CPU* is the listener and every session process (sampled every 50 ms while they live, plus what they reaped). " +
            "rclone's defaults check every copy with an `md5sum` run on the server over SSH; AFT and `--sftp-disable-hashcheck` check " +
            "the stored size; sftp checks nothing beyond the protocol.");
        Line(report);
        Line(report, "**Ratios are AFT's speed ÷ the tool's** (the tool's time ÷ AFT's, taken run by run, median and range): above 1.00 AFT is faster.");

        foreach (var scenario in scenarios)
        {
            Render(report, scenario, [.. measurements.Where(m => m.Scenario == scenario)]);
        }

        return report.ToString();
    }

    private static void Render(StringBuilder report, Scenario scenario, IReadOnlyList<Measurement> runs)
    {
        var afts = scenario.Tools.Where(tool => tool.IsAft).ToList();
        Line(report);
        Line(report, $"### {scenario.Title}");
        Line(report);
        var throughput = scenario.Expected.Files > 1 ? "files/s (MiB/s)" : "MiB/s";
        Line(report, $"| tool | median s | min–max s | runs s | {throughput} | client CPU s | sshd CPU s | "
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
