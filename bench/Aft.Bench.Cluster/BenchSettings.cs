using Aft.Bench.Common;
using System.Globalization;

namespace Aft.Bench.Cluster;

/// <summary>What one run measures, from its command line.</summary>
/// <param name="Duration">How long each durable-submission measurement lasts, after its warm-up.</param>
/// <param name="Warmup">The load before each measurement that is not measured.</param>
/// <param name="Jobs">Jobs of each end-to-end measurement.</param>
/// <param name="Backlog">Jobs submitted behind the busy slot in the backlog measurement; 0 skips it.</param>
/// <param name="OutFile">Where the Markdown report is written besides stdout.</param>
public sealed record BenchSettings(TimeSpan Duration, TimeSpan Warmup, int Jobs, int Backlog, string? OutFile)
{
    public const string Usage = "usage: Aft.Bench.Cluster [--duration 10] [--warmup 15] [--jobs 10000] [--backlog 1000000] [--out FILE.md]";

    public static BenchSettings? Parse(string[] args, out string? problem)
    {
        // A fresh server compiles its hot paths during its first seconds of load (two silos on two cores compete for them
        // longest), so the default warm-up is long enough that the measurement sees the servers as they run for hours.
        var defaults = new BenchSettings(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), 10_000, 1_000_000, null);
        return CommandLine.Parse(args, defaults, (settings, name, value) => name switch
        {
            "--duration" when Number(value) is int seconds and > 0 => settings with { Duration = TimeSpan.FromSeconds(seconds) },
            "--warmup" when Number(value) is int seconds => settings with { Warmup = TimeSpan.FromSeconds(seconds) },
            "--jobs" when Number(value) is int jobs and > 0 => settings with { Jobs = jobs },
            // Fewer than 10 jobs make no tenths.
            "--backlog" when Number(value) is int backlog and (0 or >= 10) => settings with { Backlog = backlog },
            "--out" => settings with { OutFile = value },
            _ => null,
        }, out problem);
    }

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
