using System.Globalization;
using System.Text.Json;
using Aft.Api.Jobs;
using Aft.Grains.Jobs;

namespace Aft.Cli.Output;

/// <summary>How results reach stdout: JSON for machines (<c>--json</c>), aligned tables and lines for people.</summary>
public static class Printer
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web);

    public static void Json<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>One value per line (JSON Lines), for streams such as logs.</summary>
    public static string JsonLine<T>(T value) => JsonSerializer.Serialize(value, Compact);

    public static void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, headers.Count).Select(column => all.Max(row => row[column].Length)).ToArray();
        foreach (var row in all)
        {
            Console.Out.WriteLine(string.Join("  ", row.Select((cell, column) => column == row.Count - 1 ? cell : cell.PadRight(widths[column]))));
        }
    }

    /// <summary>Label/value lines, labels aligned.</summary>
    public static void Fields(params (string Label, string? Value)[] fields)
    {
        var width = fields.Max(field => field.Label.Length) + 1;
        foreach (var (label, value) in fields.Where(field => field.Value is not null))
        {
            Console.Out.WriteLine($"{(label + ":").PadRight(width)} {value}");
        }
    }

    public static string Time(DateTimeOffset? at) =>
        at?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>A script log line as the terminal shows it, the same for every command.</summary>
    public static string LogLine(DateTimeOffset at, string level, string message) =>
        $"{at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)} {level.ToUpperInvariant(),-5} {message}";

    public static string LogLine(JobLogLineResponse line) => LogLine(line.At, line.Level, line.Message);

    public static string ScriptOf(JobResponse job) =>
        job.ScriptName is { } name ? $"{name} (v{job.ScriptVersion})" : job.FilePath ?? job.ScriptId ?? "-";
}
