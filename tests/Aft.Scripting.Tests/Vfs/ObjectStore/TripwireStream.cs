namespace Aft.Scripting.Tests.Vfs.ObjectStore;

/// <summary>Content that runs an action once (kills the server) when the reader reaches <paramref name="at"/>, then goes on.</summary>
public sealed class TripwireStream(byte[] data, long at, Action trip) : MemoryStream(data, writable: false)
{
    private bool _tripped;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (Position >= at && !_tripped)
        {
            _tripped = true;
            trip();
        }

        // Stop at the wire, so the action runs before any byte past it is handed out.
        return base.Read(Position < at ? buffer[..(int)Math.Min(buffer.Length, at - Position)] : buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
}
