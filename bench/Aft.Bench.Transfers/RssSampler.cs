namespace Aft.Bench.Transfers;

/// <summary>Samples a process's resident memory every 50 ms in the background and keeps the highest value.</summary>
public sealed class RssSampler
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<long> _sampling;

    private RssSampler(int pid) => _sampling = SampleAsync(pid, _stop.Token);

    public static RssSampler Start(int pid) => new(pid);

    /// <summary>Stops sampling and answers the peak.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        var peak = await _sampling;
        _stop.Dispose();
        return peak;
    }

    private static async Task<long> SampleAsync(int pid, CancellationToken stop)
    {
        long peak = ProcStat.RssBytes(pid);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                peak = Math.Max(peak, ProcStat.RssBytes(pid));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the transfer has ended.
        }

        return Math.Max(peak, ProcStat.RssBytes(pid));
    }
}
