using Aft.Bench.Common;
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
/// <param name="Only">
/// The scenario groups to measure (empty: all): protocols (<c>sftp</c>, <c>ftp</c>, <c>s3</c>) and kinds (<c>big</c>, <c>small</c>).
/// A scenario runs when its protocol is among those named (or none is) and its kind is (or none is).
/// </param>
public sealed record BenchSettings(
    int Runs, int BigFileMiB, int SmallFiles, int SmallFileKiB, IReadOnlyList<int> ParallelTransfers, TimeSpan TransferTimeout, string? OutFile,
    IReadOnlySet<string> Only)
{
    public const string Usage =
        "usage: Aft.Bench.Transfers [--runs 3] [--big-mib 1024] [--files 5000] [--file-kib 10] [--parallel 8[,16]] [--timeout 600] " +
        "[--only sftp|ftp|s3|big|small[,...]] [--out FILE.md]";

    private static readonly string[] Protocols = ["sftp", "ftp", "s3"];
    private static readonly string[] Kinds = ["big", "small"];

    /// <summary>Whether the scenarios of <paramref name="protocol"/> ("sftp", "ftp", "s3") with the large file (or the small files) are measured.</summary>
    public bool Measures(string protocol, bool smallFiles) => Selected(Protocols, protocol) && Selected(Kinds, smallFiles ? "small" : "big");

    public static BenchSettings? Parse(string[] args, out string? problem)
    {
        var defaults = new BenchSettings(3, 1024, 5000, 10, [8], TimeSpan.FromSeconds(600), null, new HashSet<string>());
        return CommandLine.Parse(args, defaults, (settings, name, value) => name switch
        {
            "--runs" when Positive(value) is { } runs => settings with { Runs = runs },
            "--big-mib" when Positive(value) is { } mib => settings with { BigFileMiB = mib },
            "--files" when Positive(value) is { } files => settings with { SmallFiles = files },
            "--file-kib" when Positive(value) is { } kib => settings with { SmallFileKiB = kib },
            "--parallel" when value.Split(',').Select(Positive).ToList() is var list && list.All(n => n is not null) =>
                settings with { ParallelTransfers = list.Select(n => n!.Value).ToList() },
            "--timeout" when Positive(value) is { } seconds => settings with { TransferTimeout = TimeSpan.FromSeconds(seconds) },
            "--out" => settings with { OutFile = value },
            "--only" when value.Split(',') is var groups && groups.All(group => Protocols.Contains(group) || Kinds.Contains(group)) =>
                settings with { Only = groups.ToHashSet() },
            _ => null,
        }, out problem);
    }

    /// <summary>Whether <paramref name="group"/> of one dimension (protocols or kinds) is measured: named, or none of that dimension named.</summary>
    private bool Selected(IReadOnlyList<string> dimension, string group) => Only.Contains(group) || !dimension.Any(Only.Contains);

    private static int? Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
