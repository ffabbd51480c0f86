using System.Security.Cryptography;
using Aft.Scripting.IO;

namespace Aft.Scripting.Vfs.Transfers;

/// <summary>
/// A source stream as a transfer reads it: it reports the file's position to its <see cref="FileProgress"/> and,
/// when asked, hashes what passes through (MD5, to compare with what an object store or the source recorded).
/// </summary>
internal sealed class MeteredStream(Stream inner, FileProgress progress, long startAt, bool hash) : ReadOnlyStream
{
    private readonly IncrementalHash? _md5 = hash ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
    private readonly long _start = startAt;
    private long _position = startAt;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The hex MD5 of everything read, once the stream was read to its end or closed; null when not hashing.</summary>
    public string? Md5 { get; private set; }

    /// <summary>Bytes read through this stream (not counting the start offset).</summary>
    public long BytesRead => _position - _start;

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Count(buffer[..inner.Read(buffer)]);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Count(buffer.Span[..read]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            FinishHash();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        FinishHash();
        await base.DisposeAsync();
    }

    private void FinishHash()
    {
        if (_md5 is not null && Md5 is null)
        {
            Md5 = Convert.ToHexStringLower(_md5.GetHashAndReset());
            _md5.Dispose();
        }
    }

    private int Count(ReadOnlySpan<byte> read)
    {
        if (read.Length == 0)
        {
            FinishHash();
            return 0;
        }

        _md5?.AppendData(read);
        _position += read.Length;
        progress.At(_position);
        return read.Length;
    }
}
