using System.Globalization;

namespace Aft.Bench.Transfers;

/// <summary>What one benchmark run measures, from its command line.</summary>
/// <param name="Runs">Measured repetitions of every tool in every scenario.</param>
/// <param name="BigFileMiB">Size of the large file.</param>
/// <param name="SmallFiles">Files in the small-files tree.</param>
/// <param name="SmallFileKiB">Size of each of them.</param>
/// <param name="ParallelTransfers">
/// <c>Aft:Vfs:ParallelTransfers</c> values measured on the small files besides AFT's defaults, each on its own node
/// (the VFS's <c>maxConnections</c> is raised to match when above its default).
/// </param>
/// <param name="TransferTimeout">Limit on any one transfer.</param>
/// <param name="OutFile">Where the Markdown report is written besides stdout.</param>
/// <param name="Only">"big" or "small" to measure only the large file or only the small files; null for both.</param>
public sealed record BenchSettings(
    int Runs, int BigFileMiB, int SmallFiles, int SmallFileKiB, IReadOnlyList<int> ParallelTransfers, TimeSpan TransferTimeout, string? OutFile, string? Only)
{
    public const string Usage =
        "usage: Aft.Bench.Transfers [--runs 3] [--big-mib 1024] [--files 5000] [--file-kib 10] [--parallel 8[,16]] [--timeout 600] [--only big|small] [--out FILE.md]";

    public static BenchSettings? Parse(string[] args, out string? problem)
    {
        var settings = new BenchSettings(3, 1024, 5000, 10, [8], TimeSpan.FromSeconds(600), null, null);
        problem = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                problem = $"{args[i]} needs a value";
                return null;
            }

            var value = args[i + 1];
            settings = args[i] switch
            {
                "--runs" when Positive(value) is { } runs => settings with { Runs = runs },
                "--big-mib" when Positive(value) is { } mib => settings with { BigFileMiB = mib },
                "--files" when Positive(value) is { } files => settings with { SmallFiles = files },
                "--file-kib" when Positive(value) is { } kib => settings with { SmallFileKiB = kib },
                "--parallel" when value.Split(',').Select(Positive).ToList() is var list && list.All(n => n is not null) =>
                    settings with { ParallelTransfers = list.Select(n => n!.Value).ToList() },
                "--timeout" when Positive(value) is { } seconds => settings with { TransferTimeout = TimeSpan.FromSeconds(seconds) },
                "--out" => settings with { OutFile = value },
                "--only" when value is "big" or "small" => settings with { Only = value },
                _ => null!,
            };
            if (settings is null)
            {
                problem = $"bad option or value: {args[i]} {value}";
                return null;
            }
        }

        return settings;
    }

    private static int? Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
