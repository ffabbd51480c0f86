using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Schedules;

/// <summary>
/// This node's clock for schedules. While the silo is up it sleeps until the earliest due time in the store (or
/// <see cref="SchedulesOptions.PollInterval"/>, to see what other nodes changed), then asks the grain of each due
/// schedule to fire. Every node does this; the grain makes each occurrence fire once however many ask.
/// </summary>
public sealed partial class ScheduleDispatcher(
    ScheduleStore schedules,
    IGrainFactory grains,
    IOptions<SchedulesOptions> options,
    TimeProvider clock,
    ILogger<ScheduleDispatcher> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int Batch = 100;

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ScheduleDispatcher), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>Looks at the due times again now (a schedule was created or changed on this node).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop;
    }

    private async Task RunAsync()
    {
        var failing = false;
        while (!_stopping.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            try
            {
                var now = clock.GetUtcNow();
                IReadOnlyList<string> due;
                var after = string.Empty;
                do
                {
                    // Page by id, not by due time: occurrences waiting for their last job stay due, and must not hide the rest.
                    due = await schedules.ListDueAsync(now, after, Batch);
                    await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) => await FireAsync(id));
                    after = due.Count > 0 ? due[^1] : after;
                }
                while (due.Count == Batch && !_stopping.IsCancellationRequested);

                if (await schedules.NextDueAfterAsync(now) is { } next && next - clock.GetUtcNow() < wait)
                {
                    wait = next - clock.GetUtcNow();
                }

                failing = false;
            }
            catch (Exception ex) when (!_stopping.IsCancellationRequested)
            {
                // The store is unreachable: look again after the poll interval; missed occurrences follow their catch-up mode.
                if (!failing)
                {
                    LogLookFailed(logger, ex);
                }

                failing = true;
            }

            await SleepAsync(wait);
        }
    }

    private async Task FireAsync(string scheduleId)
    {
        try
        {
            await grains.GetGrain<IScheduleGrain>(scheduleId).FireDueAsync();
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            // Its due time did not move: the next look tries again, and the occurrence's job is submitted once.
            LogFireFailed(logger, ex, scheduleId);
        }
    }

    private async Task SleepAsync(TimeSpan wait)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var woken = _wake.Reader.WaitToReadAsync(sleeping.Token).AsTask();
        await Task.WhenAny(Task.Delay(wait, clock, sleeping.Token), woken);
        await sleeping.CancelAsync();
        _wake.Reader.TryRead(out _);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for due schedules failed; trying again until the store answers")]
    private static partial void LogLookFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule {ScheduleId} could not fire; it is tried again")]
    private static partial void LogFireFailed(ILogger logger, Exception exception, string scheduleId);
}
