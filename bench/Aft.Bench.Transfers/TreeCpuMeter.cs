namespace Aft.Bench.Transfers;

/// <summary>
/// CPU seconds a forking server (the sshd listener and every session process below it) uses while it is metered.
/// </summary>
/// <remarks>
/// Reading the listener's reaped-children time is not enough: sshd's privileged monitor ends without reaping its
/// session process, which init then reaps. So each process is sampled while it lives (its own time), and followed
/// after it left the tree; what a process reaped counts only beyond what the meter already saw of the ended processes
/// below it (a short command such as the md5sum rclone runs is never seen, and counts through its parent). The last
/// moments of a process init reaps (under 50 ms) are missed.
/// </remarks>
public sealed class TreeCpuMeter
{
    private readonly int _root;
    private readonly Dictionary<int, ProcessTimes> _seen = [];
    private double _total;

    private TreeCpuMeter(int root)
    {
        _root = root;
        foreach (var pid in ProcStat.Descendants(root).Append(root))
        {
            if (ProcStat.Times(pid) is { } times)
            {
                _seen[pid] = times;
            }
        }
    }

    public static TreeCpuMeter Start(int root) => new(root);

    public double CpuSeconds => _total;

    /// <summary>Adds what the tree used since the previous sample.</summary>
    public void Sample()
    {
        var now = ProcStat.Descendants(_root).Append(_root).Union(_seen.Keys)
            .Select(pid => (Pid: pid, Times: ProcStat.Times(pid)))
            .Where(process => process.Times is not null)
            .ToDictionary(process => process.Pid, process => process.Times!);
        var ended = _seen.Where(process => !now.ContainsKey(process.Key)).ToDictionary();

        // An ended process's whole time is now in the reaped time of its nearest living ancestor (if that is not init).
        var alreadyCounted = new Dictionary<int, double>();
        foreach (var times in ended.Values)
        {
            var ancestor = times.Parent;
            while (ended.TryGetValue(ancestor, out var parent))
            {
                ancestor = parent.Parent;
            }

            alreadyCounted[ancestor] = alreadyCounted.GetValueOrDefault(ancestor) + times.OwnSeconds + times.ReapedSeconds;
        }

        foreach (var (pid, times) in now)
        {
            var before = _seen.GetValueOrDefault(pid);
            _total += times.OwnSeconds - (before?.OwnSeconds ?? 0);
            _total += Math.Max(0, times.ReapedSeconds - (before?.ReapedSeconds ?? 0) - alreadyCounted.GetValueOrDefault(pid));
        }

        _seen.Clear();
        foreach (var (pid, times) in now)
        {
            _seen[pid] = times;
        }
    }
}
