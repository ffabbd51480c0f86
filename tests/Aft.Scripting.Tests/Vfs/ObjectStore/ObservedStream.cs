namespace Aft.Scripting.Tests.Vfs.ObjectStore;

/// <summary>A source that counts the bytes it delivered and can run an action once (kill a server) when it reaches a position.</summary>
public sealed class ObservedStream(Stream inner, long tripAt = long.MaxValue, Action? trip = null) : Stream
{
    private int _tripped;

    /// <summary>Bytes handed to the reader so far.</summary>
    public long Delivered { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Delivered; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (Delivered >= tripAt && Interlocked.Exchange(ref _tripped, 1) == 0)
        {
            trip?.Invoke();
        }

        // Stop exactly at the trip point, so the action runs before any byte past it is handed out.
        var limit = Delivered < tripAt ? (int)Math.Min(buffer.Length, tripAt - Delivered) : buffer.Length;
        var read = inner.Read(buffer[..limit]);
        Delivered += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
