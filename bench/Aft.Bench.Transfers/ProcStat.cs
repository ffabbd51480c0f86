using System.Globalization;

namespace Aft.Bench.Transfers;

/// <summary>CPU time and memory of processes and threads, read from Linux's <c>/proc</c>.</summary>
public static class ProcStat
{
    // USER_HZ, the unit of the times in /proc/<pid>/stat: 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    /// <summary>A process's parent and CPU seconds, its own and those of the children it reaped; null once it is gone.</summary>
    public static ProcessTimes? Times(int pid) => Fields($"/proc/{pid}/stat") is { } f
        ? new ProcessTimes(int.Parse(f[1], CultureInfo.InvariantCulture), (Tick(f[11]) + Tick(f[12])) / TicksPerSecond, (Tick(f[13]) + Tick(f[14])) / TicksPerSecond)
        : null;

    /// <summary>CPU seconds <paramref name="pid"/> used, its own and those of the children it reaped; 0 once it is gone.</summary>
    public static double CpuSeconds(int pid) => Times(pid) is { } t ? t.OwnSeconds + t.ReapedSeconds : 0;

    /// <summary>Every live process below <paramref name="pid"/>.</summary>
    public static IReadOnlySet<int> Descendants(int pid) => Children(pid).SelectMany(child => Descendants(child).Append(child)).ToHashSet();

    /// <summary>The first child of <paramref name="pid"/> whose name is <paramref name="name"/> (a server this process started).</summary>
    public static int? ChildNamed(int pid, string name) =>
        Children(pid).Select(child => (int?)child).FirstOrDefault(child => Comm($"/proc/{child}/stat") == name);

    /// <summary>Resident memory now, in bytes.</summary>
    public static long RssBytes(int pid)
    {
        var line = Read($"/proc/{pid}/status")?.Split('\n').FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Each thread's name and CPU seconds so far, by thread id.</summary>
    public static IReadOnlyDictionary<int, ThreadTime> Threads(int pid)
    {
        var threads = new Dictionary<int, ThreadTime>();
        foreach (var task in SafeDirectories($"/proc/{pid}/task"))
        {
            var stat = Path.Combine(task, "stat");
            if (Fields(stat) is { } f && Comm(stat) is { } name)
            {
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = new ThreadTime(name, (Tick(f[11]) + Tick(f[12])) / TicksPerSecond);
            }
        }

        return threads;
    }

    private static IEnumerable<int> Children(int pid) =>
        SafeDirectories($"/proc/{pid}/task")
            .SelectMany(task => Read(Path.Combine(task, "children"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [])
            .Select(child => int.Parse(child, CultureInfo.InvariantCulture));

    /// <summary>The fields of a stat file from the state on (index 1 is the parent, 11..14 utime, stime, cutime, cstime).</summary>
    private static string[]? Fields(string statFile)
    {
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields are counted from the last ')'.
        var text = Read(statFile);
        return text?[(text.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static long Tick(string field) => long.Parse(field, CultureInfo.InvariantCulture);

    private static string? Comm(string statFile) =>
        Read(statFile) is { } text ? text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')] : null;

    private static IEnumerable<string> SafeDirectories(string path)
    {
        try
        {
            return Directory.GetDirectories(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process or thread ended while we looked.
            return null;
        }
    }
}
