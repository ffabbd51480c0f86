namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>Zeros, <c>length</c> of them; after <c>tripAt</c> bytes it runs <c>trip</c> once (kills the server, say) and goes on.</summary>
public sealed class TrippingStream(long length, long tripAt, Action trip) : Stream
{
    private long _position;
    private bool _tripped;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= tripAt && !_tripped)
        {
            _tripped = true;
            trip();
        }

        var read = (int)Math.Min(count, Math.Min(length, _position < tripAt ? tripAt : length) - _position);
        Array.Clear(buffer, offset, read);
        _position += read;
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
