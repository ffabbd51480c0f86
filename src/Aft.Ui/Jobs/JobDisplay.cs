using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Aft.Grains.Jobs;

namespace Aft.Ui.Jobs;

/// <summary>How the jobs pages word a job's fields.</summary>
public static class JobDisplay
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // The page HTML-encodes the text; escaping here too would show "\u00E9" for "é".
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The status as people read it: <c>timed out</c> for <c>timed_out</c>.</summary>
    public static string Label(JobStatus status) => status.ToName().Replace('_', ' ');

    /// <summary>The class that colours the status (aft.css: <c>status-succeeded</c>, <c>status-timedout</c>, …).</summary>
    public static string StatusClass(JobStatus status) => $"status-{status.ToName().Replace("_", "", StringComparison.Ordinal)}";

    /// <summary>What the job runs: the script's name, the file, or the code <c>aft run</c> handed over.</summary>
    public static string What(JobRecord job) => job.ScriptName ?? job.FilePath ?? "code sent by aft run";

    /// <summary>How long the job's last attempt has run (to now while it runs); null before it started.</summary>
    public static TimeSpan? RunTime(JobRecord job, DateTimeOffset now) =>
        job.StartedAt is { } started ? (job.FinishedAt ?? now) - started : null;

    /// <summary>"850 ms", "12.4 s", "3 min 05 s", "2 h 07 min".</summary>
    public static string Duration(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 1 } => $"{Math.Max(0, (int)duration.TotalMilliseconds)} ms",
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s"),
        { TotalHours: < 1 } => $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s",
        _ => $"{(int)duration.TotalHours} h {duration.Minutes:00} min",
    };

    /// <summary>"512 B", "1.5 KB", "3.2 GB" (powers of 1024, as file managers show sizes).</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }

    /// <summary>The params indented, one field a line.</summary>
    public static string PrettyJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, Indented);
    }

    /// <summary>A log line as the job page prints it (job.js prints streamed lines the same way).</summary>
    public static string LogLine(JobLogLine line) =>
        $"{line.At.ToUniversalTime():HH:mm:ss.fff} {JobLogStore.Name(line.Level).ToUpperInvariant(),-5} {line.Message}";
}
