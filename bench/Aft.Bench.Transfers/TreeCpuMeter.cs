namespace Aft.Bench.Transfers;

/// <summary>
/// CPU seconds a forking server (the sshd listener and every session process below it) uses while it is metered.
/// </summary>
/// <remarks>
/// Reading the listener's reaped-children time is not enough: sshd's privileged monitor ends without reaping its
/// session process, so that process's time goes to init. Each process is therefore sampled while it lives (its own
/// time), and what a process reaped is added only for children that were never seen (a short command such as the
/// md5sum rclone runs); a seen child's reaped time is its own time already counted. The last moments of a process
/// whose parent does not reap it (under 50 ms) are missed.
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
        var now = ProcStat.Descendants(_root).Append(_root)
            .Select(pid => (Pid: pid, Times: ProcStat.Times(pid)))
            .Where(process => process.Times is not null)
            .ToDictionary(process => process.Pid, process => process.Times!);
        var ended = _seen.Where(process => !now.ContainsKey(process.Key)).ToList();
        foreach (var (pid, times) in now)
        {
            var before = _seen.GetValueOrDefault(pid);
            _total += times.OwnSeconds - (before?.OwnSeconds ?? 0);
            var reapedSeen = ended.Where(child => child.Value.Parent == pid).Sum(child => child.Value.OwnSeconds + child.Value.ReapedSeconds);
            _total += Math.Max(0, times.ReapedSeconds - (before?.ReapedSeconds ?? 0) - reapedSeen);
        }

        _seen.Clear();
        foreach (var (pid, times) in now)
        {
            _seen[pid] = times;
        }
    }
}
