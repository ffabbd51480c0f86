using Aft.Grains.Jobs;

namespace Aft.Cli.Output;

/// <summary>
/// Shows a running job's transfer progress on stderr while its log goes by: on a terminal one bar line redrawn in
/// place (cleared around every log line), otherwise a plain progress line every few seconds when it changed, and
/// the last reading when it stops, so a log read later always ends with the final counts.
/// Log lines must be written through <see cref="Wrap"/> so they never tear the bar.
/// </summary>
public sealed class ProgressDisplay : IAsyncDisposable
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LastReadingTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _sync = new();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private readonly Func<CancellationToken, Task<JobProgress?>> _read;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private string? _shown;
    private DateTime _lastPlain = DateTime.MinValue;
    private int _disposed;

    /// <param name="read">Reads the progress now (null while there is none); called about twice a second.</param>
    public ProgressDisplay(Func<CancellationToken, Task<JobProgress?>> read)
    {
        _read = read;
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    /// <summary>A writer for log lines that keeps the bar intact.</summary>
    public TextWriter Wrap(TextWriter inner) => new Writer(this, inner);

    /// <summary>Stops and erases the bar; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is how the loop ends.
        }

        if (!_terminal)
        {
            using var timeout = new CancellationTokenSource(LastReadingTimeout);
            if (await TryReadAsync(timeout.Token) is { } last)
            {
                ShowPlain(last, force: true);
            }
        }

        lock (_sync)
        {
            Clear();
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (await TryReadAsync(cancellationToken) is not { } progress)
            {
                continue;
            }

            if (_terminal)
            {
                ShowBar(progress);
            }
            else
            {
                ShowPlain(progress, force: false);
            }
        }
    }

    private async Task<JobProgress?> TryReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _read(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || cancellationToken != _stop.Token)
        {
            // A missed or timed-out reading only delays the progress; the job's own outcome is reported elsewhere.
            // Stopping alone ends the loop.
            return null;
        }
    }

    private void ShowBar(JobProgress progress)
    {
        lock (_sync)
        {
            Clear();
            _shown = ProgressText.Bar(progress);
            Console.Error.Write(_shown);
        }
    }

    /// <param name="force">Shows a changed reading even if the last line was printed moments ago (the final one).</param>
    private void ShowPlain(JobProgress progress, bool force)
    {
        lock (_sync)
        {
            var line = ProgressText.Describe(progress);
            if (line != _shown && (force || DateTime.UtcNow - _lastPlain >= PlainEvery))
            {
                _shown = line;
                _lastPlain = DateTime.UtcNow;
                Console.Error.WriteLine("progress: " + line);
            }
        }
    }

    private void WriteLine(TextWriter inner, string? line)
    {
        lock (_sync)
        {
            var bar = _terminal ? _shown : null;
            Clear();
            inner.WriteLine(line);
            inner.Flush();
            if (bar is not null)
            {
                _shown = bar;
                Console.Error.Write(bar);
            }
        }
    }

    /// <summary>Erases the bar line (on a terminal) so other output starts at column 0.</summary>
    private void Clear()
    {
        if (_terminal && _shown is not null)
        {
            Console.Error.Write("\r\u001b[2K");
            _shown = null;
        }
    }

    private sealed class Writer(ProgressDisplay display, TextWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void WriteLine(string? value) => display.WriteLine(inner, value);

        public override void Write(char value) => inner.Write(value);

        public override void Flush() => inner.Flush();
    }
}
