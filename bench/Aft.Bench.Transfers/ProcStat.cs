using System.Globalization;

namespace Aft.Bench.Transfers;

/// <summary>CPU time and memory of processes and threads, read from Linux's <c>/proc</c>.</summary>
public static class ProcStat
{
    // USER_HZ, the unit of the times in /proc/<pid>/stat: 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds <paramref name="pid"/> used, its own and those of the children it reaped; 0 once it is gone.</summary>
    public static double CpuSeconds(int pid) => Times($"/proc/{pid}/stat") is { } t ? (t[0] + t[1] + t[2] + t[3]) / TicksPerSecond : 0;

    /// <summary>CPU seconds of the children <paramref name="pid"/> has reaped (for this process: the commands it ran and waited for).</summary>
    public static double ReapedChildrenCpuSeconds(int pid) => Times($"/proc/{pid}/stat") is { } t ? (t[2] + t[3]) / TicksPerSecond : 0;

    /// <summary>
    /// CPU seconds of <paramref name="pid"/> and every live process below it. A process that ended was reaped by its
    /// parent, whose children's time now holds its time, so the sum only grows as a forking server's sessions come and go.
    /// </summary>
    public static double TreeCpuSeconds(int pid) => CpuSeconds(pid) + Children(pid).Sum(TreeCpuSeconds);

    /// <summary>The first child of <paramref name="pid"/> whose name is <paramref name="name"/> (a server this process started).</summary>
    public static int? ChildNamed(int pid, string name) =>
        Children(pid).Select(child => (int?)child).FirstOrDefault(child => Comm($"/proc/{child}/stat") == name);

    /// <summary>Resident memory now, in bytes.</summary>
    public static long RssBytes(int pid) => StatusKiB(pid, "VmRSS:") * 1024;

    /// <summary>The most resident memory the process ever had, in bytes.</summary>
    public static long PeakRssBytes(int pid) => StatusKiB(pid, "VmHWM:") * 1024;

    /// <summary>Each thread's name and CPU seconds so far, by thread id.</summary>
    public static IReadOnlyDictionary<int, ThreadTime> Threads(int pid)
    {
        var threads = new Dictionary<int, ThreadTime>();
        foreach (var task in SafeDirectories($"/proc/{pid}/task"))
        {
            var stat = Path.Combine(task, "stat");
            if (Times(stat) is { } t && Comm(stat) is { } name)
            {
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = new ThreadTime(name, (t[0] + t[1]) / TicksPerSecond);
            }
        }

        return threads;
    }

    private static IEnumerable<int> Children(int pid) =>
        SafeDirectories($"/proc/{pid}/task")
            .SelectMany(task => Read(Path.Combine(task, "children"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [])
            .Select(child => int.Parse(child, CultureInfo.InvariantCulture));

    /// <summary>utime, stime, cutime and cstime in ticks.</summary>
    private static long[]? Times(string statFile)
    {
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields are counted from the last ')'.
        var text = Read(statFile);
        if (text is null)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return [.. fields[11..15].Select(field => long.Parse(field, CultureInfo.InvariantCulture))];
    }

    private static string? Comm(string statFile) =>
        Read(statFile) is { } text ? text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')] : null;

    private static long StatusKiB(int pid, string field)
    {
        var line = Read($"/proc/{pid}/status")?.Split('\n').FirstOrDefault(line => line.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

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

/// <summary>A thread's name (truncated to 15 characters by the kernel) and the CPU seconds it used.</summary>
public sealed record ThreadTime(string Name, double CpuSeconds);
