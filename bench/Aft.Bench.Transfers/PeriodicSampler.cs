namespace Aft.Bench.Transfers;

/// <summary>Calls a sampling action every 50 ms in the background, once more when stopped.</summary>
public sealed class PeriodicSampler
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Action _sample;
    private readonly Task _sampling;

    private PeriodicSampler(Action sample)
    {
        _sample = sample;
        _sample();
        _sampling = SampleAsync();
    }

    public static PeriodicSampler Start(Action sample) => new(sample);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
        _sample();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                _sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the measured transfer has ended.
        }
    }
}
