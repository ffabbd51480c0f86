using System.Security.Cryptography;
using Aft.Scripting.Vfs.ObjectStore;
using Amazon.S3.Model;

namespace Aft.Scripting.Vfs.S3;

/// <summary>
/// A multipart upload in progress: its id, the parts the store confirmed, and the MD5 of their bytes so far, so a
/// retried write continues it and still knows the whole object's MD5.
/// </summary>
public sealed class S3Upload(string key, string uploadId) : IDisposable
{
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);

    public string Key => key;

    public string UploadId => uploadId;

    public List<PartETag> Parts { get; } = [];

    /// <summary>Bytes in the confirmed parts.</summary>
    public long Stored { get; private set; }

    public void Confirmed(ContentPart part, string etag)
    {
        Parts.Add(new PartETag(Parts.Count + 1, etag));
        _md5.AppendData(part.Span);
        Stored += part.Length;
    }

    /// <summary>The MD5 of all confirmed parts, as lowercase hex.</summary>
    public string Md5() => Convert.ToHexStringLower(_md5.GetCurrentHash());

    public void Dispose() => _md5.Dispose();
}
