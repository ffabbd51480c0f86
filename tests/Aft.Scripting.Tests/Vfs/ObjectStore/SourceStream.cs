namespace Aft.Scripting.Tests.Vfs.ObjectStore;

/// <summary>
/// Content for a write that counts what it handed out (readable after the writer disposed it) and can run an
/// action once, such as killing the server, when the reader reaches <paramref name="tripAt"/>.
/// </summary>
public sealed class SourceStream(byte[] data, int offset, long tripAt = long.MaxValue, Action? trip = null)
    : MemoryStream(data, offset, data.Length - offset, writable: false)
{
    private bool _tripped;

    /// <summary>Bytes read so far.</summary>
    public long Delivered { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (Delivered >= tripAt && !_tripped)
        {
            _tripped = true;
            trip?.Invoke();
        }

        // Stop at the trip point, so the action runs before any byte past it is handed out.
        var read = base.Read(buffer, offset, Delivered < tripAt ? (int)Math.Min(count, tripAt - Delivered) : count);
        Delivered += read;
        return read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
}
