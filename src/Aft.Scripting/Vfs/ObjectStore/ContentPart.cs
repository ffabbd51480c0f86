namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>One part of a write's content, in a buffer that the part after next reuses.</summary>
/// <param name="Buffer">The buffer; the part is its first <paramref name="Length"/> bytes.</param>
/// <param name="Length">Bytes in the part.</param>
/// <param name="Md5">The part's MD5, for the store to check the request body against.</param>
public sealed record ContentPart(byte[] Buffer, int Length, byte[] Md5)
{
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public string Md5Base64 => Convert.ToBase64String(Md5);

    public string Md5Hex => Convert.ToHexStringLower(Md5);

    /// <summary>A new stream over the part, for each try of a request.</summary>
    public MemoryStream Open() => new(Buffer, 0, Length, writable: false);
}
