using System.Globalization;
using Aft.Grains.Jobs;

namespace Aft.Cli.Output;

/// <summary>A job's transfer progress as one line of text: bytes and files done, rate, time left and the file in flight.</summary>
public static class ProgressText
{
    private const int BarWidth = 24;

    /// <summary>"12.0 MiB of 96.0 MiB (12%), 1 of 3 files, 45.1 MiB/s, 2s left, /in/big.bin".</summary>
    public static string Describe(JobProgress progress)
    {
        var parts = new List<string>
        {
            $"{Bytes(progress.BytesDone)} of {Bytes(progress.BytesTotal)} ({Percent(progress)}%)",
            $"{progress.FilesDone} of {progress.FilesTotal} files",
        };
        if (progress.FilesSkipped > 0)
        {
            parts.Add($"{progress.FilesSkipped} skipped");
        }

        if (progress.FilesFailed > 0)
        {
            parts.Add($"{progress.FilesFailed} failed");
        }

        if (progress.BytesPerSecond > 0)
        {
            parts.Add(Bytes((long)progress.BytesPerSecond) + "/s");
        }

        if (progress.EtaSeconds is { } eta)
        {
            parts.Add(Duration(eta) + " left");
        }

        if (progress.CurrentFile is { } file)
        {
            parts.Add(file);
        }

        return string.Join(", ", parts);
    }

    /// <summary>The same with a bar in front, for a terminal line redrawn in place.</summary>
    public static string Bar(JobProgress progress)
    {
        var filled = progress.BytesTotal == 0 ? 0 : (int)(BarWidth * Math.Clamp((double)progress.BytesDone / progress.BytesTotal, 0, 1));
        return $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {Describe(progress)}";
    }

    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static int Percent(JobProgress progress) =>
        progress.BytesTotal == 0 ? 100 : (int)Math.Floor(100.0 * progress.BytesDone / progress.BytesTotal);

    private static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Ceiling(seconds));
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}m" : span.TotalMinutes >= 1 ? $"{span.Minutes}m{span.Seconds:00}s" : $"{span.Seconds}s";
    }
}
