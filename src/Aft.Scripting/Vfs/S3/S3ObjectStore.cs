using System.Collections.Concurrent;
using System.Net;
using Aft.Scripting.Vfs.ObjectStore;
using Amazon.S3;
using Amazon.S3.Model;

namespace Aft.Scripting.Vfs.S3;

/// <summary>
/// Object operations on one S3 bucket. Content up to one part is stored with a single PUT; larger content as a
/// multipart upload, completed only when every part is confirmed, so no object appears before it is whole. Every
/// request body carries its MD5 (the store checks it) and the returned ETag is compared too. A multipart upload cut
/// off by a passing failure is remembered by this instance (path, resume key, length), and the next write of it
/// continues after the confirmed parts; otherwise the upload is aborted.
/// </summary>
public sealed class S3ObjectStore(S3Bucket bucket) : IObjectStore
{
    /// <summary>The part size (and the largest single PUT); bigger when content needs more than <see cref="MaxParts"/> parts.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    private const int MaxParts = 10_000;
    private const int DeleteBatch = 1000;

    private readonly ConcurrentDictionary<string, S3Upload> _uploads = new(StringComparer.Ordinal);

    private IAmazonS3 Client => bucket.Client;

    public VfsEndpoint Endpoint => bucket.Endpoint;

    public int MaxConnections => bucket.Slots.MaxConnections;

    public async Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var head = await bucket.Slots.RunAsync(
                token => Client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket.Name, Key = key }, token), cancellationToken);
            var encrypted = Encrypted(head.ServerSideEncryptionMethod);
            return new StoredObject(key, head.ContentLength, Time(head.LastModified), encrypted ? null : Md5Of(head.ETag), IsMarker(key));
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<ObjectListing> ListAsync(string prefix, bool delimited, int limit, CancellationToken cancellationToken)
    {
        var objects = new List<StoredObject>();
        var prefixes = new List<string>();
        var request = new ListObjectsV2Request
        {
            BucketName = bucket.Name,
            Prefix = prefix,
            Delimiter = delimited ? "/" : null,
            MaxKeys = Math.Min(limit, 1000),
        };
        while (true)
        {
            var page = await bucket.Slots.RunAsync(token => Client.ListObjectsV2Async(request, token), cancellationToken);
            objects.AddRange((page.S3Objects ?? []).Select(item => new StoredObject(item.Key, item.Size ?? 0, Time(item.LastModified), Md5Of(item.ETag), IsMarker(item.Key))));
            prefixes.AddRange(page.CommonPrefixes ?? []);
            if (page.IsTruncated != true || objects.Count + prefixes.Count >= limit)
            {
                return new ObjectListing(objects, prefixes);
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    /// <summary>S3's convention, which its console and most tools share: an empty object named "folder/" (a file "folder" stays).</summary>
    public Task PutFolderAsync(string folderKey, string path, CancellationToken cancellationToken) =>
        bucket.Slots.RunAsync(
            token => Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket.Name, Key = folderKey, InputStream = new MemoryStream(), UseChunkEncoding = false }, token),
            cancellationToken);

    public Task CopyAsync(string sourceKey, string targetKey, CancellationToken cancellationToken) =>
        bucket.Slots.RunAsync(
            token => Client.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = bucket.Name,
                SourceKey = sourceKey,
                DestinationBucket = bucket.Name,
                DestinationKey = targetKey,
            }, token),
            cancellationToken);

    public async Task DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        foreach (var batch in keys.Chunk(DeleteBatch))
        {
            var request = new DeleteObjectsRequest { BucketName = bucket.Name, Quiet = true, Objects = [.. batch.Select(key => new KeyVersion { Key = key })] };
            var response = await bucket.Slots.RunAsync(token => Client.DeleteObjectsAsync(request, token), cancellationToken);
            if (response.DeleteErrors is [var first, ..] errors)
            {
                throw new VfsException($"{errors.Count} of {batch.Length} objects were not deleted (first: '{first.Key}': {first.Code})");
            }
        }
    }

    public Task<Stream> OpenReadAsync(string key, string path, long offset, CancellationToken cancellationToken) =>
        bucket.Slots.DownloadAsync(
            path,
            async token =>
            {
                // Always a range, even from 0: for a whole-object GET the SDK hashes the body again with its own
                // managed MD5 (39% of a download's CPU), while the transfer engine already checks the ETag's MD5.
                // An empty object answers a range with 416, which reads as an empty file.
                var request = new GetObjectRequest { BucketName = bucket.Name, Key = key, ByteRange = new ByteRange($"bytes={offset}-") };

                var response = await Client.GetObjectAsync(request, token);

                // An empty object has no byte 0: AWS answers 416 (below), some S3-compatible servers a range of total
                // size 0 with no body, which must not be read.
                return (response.ContentRange?.EndsWith("/0", StringComparison.Ordinal) == true ? Stream.Null : response.ResponseStream, response);
            },
            failure => failure is AmazonS3Exception { StatusCode: HttpStatusCode.RequestedRangeNotSatisfiable },
            cancellationToken);

    public async Task<VfsWriteResult> WriteAsync(string key, string path, VfsContent content, VfsWriteOptions options, CancellationToken cancellationToken)
    {
        var partSize = ContentParts.SizeFor(content.Length, PartSize, MaxParts, path);
        if (content.Length <= partSize)
        {
            await using var parts = await ContentParts.OpenAsync(content, 0, partsInFlight: 1, path, cancellationToken);
            var part = await parts.NextAsync(partSize, cancellationToken);
            var put = await bucket.Slots.RunAsync(
                token => Client.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = bucket.Name,
                    Key = key,
                    InputStream = part.Open(),
                    MD5Digest = part.Md5Base64,
                    UseChunkEncoding = false,
                }, token),
                cancellationToken);
            CheckStored(path, part, put.ETag, Encrypted(put.ServerSideEncryptionMethod));
            return new VfsWriteResult(part.Length, Md5: part.Md5Hex);
        }

        return await WritePartsAsync(key, path, content, options, partSize, cancellationToken);
    }

    public VfsException Translate(string subject, Exception exception) => bucket.Translate(subject, exception);

    /// <summary>Abandons the uploads this instance kept for a retry that will not come now.</summary>
    public void Dispose()
    {
        foreach (var key in _uploads.Keys)
        {
            if (_uploads.TryRemove(key, out var upload))
            {
                _ = AbortAsync(upload);
            }
        }
    }

    private async Task<VfsWriteResult> WritePartsAsync(
        string key, string path, VfsContent content, VfsWriteOptions options, int partSize, CancellationToken cancellationToken)
    {
        var resumable = options.ResumeKey is not null && content.Resumable;
        var remembered = $"{key}\n{options.ResumeKey}\n{content.Length}";
        S3Upload? upload = null;
        if (options.ResumeKey is not null && _uploads.TryRemove(remembered, out var earlier))
        {
            if (resumable)
            {
                upload = earlier;
            }
            else
            {
                await AbortAsync(earlier);
            }
        }

        if (upload is null)
        {
            var started = await bucket.Slots.RunAsync(
                token => Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket.Name, Key = key }, token), cancellationToken);
            upload = new S3Upload(key, started.UploadId);
        }

        var resumedFrom = upload.Stored;
        try
        {
            var partNumber = upload.Parts.Count;
            await using (var parts = await ContentParts.OpenAsync(content, upload.Stored, bucket.Slots.Options.PartsInFlight, path, cancellationToken))
            {
                // Parts are sent in order and confirmed in order, so the confirmed ones are always the first ones.
                await parts.SendAllAsync(
                    partSize,
                    (part, token) =>
                    {
                        var number = ++partNumber;
                        return bucket.Slots.RunAsync(
                            innerToken => Client.UploadPartAsync(new UploadPartRequest
                            {
                                BucketName = bucket.Name,
                                Key = key,
                                UploadId = upload.UploadId,
                                PartNumber = number,
                                PartSize = part.Length,
                                MD5Digest = part.Md5Base64,
                                UseChunkEncoding = false,
                                InputStream = part.Open(),
                            }, innerToken),
                            token);
                    },
                    (part, response) =>
                    {
                        CheckStored(path, part, response.ETag, Encrypted(response.ServerSideEncryptionMethod));
                        upload.Confirmed(part, response.ETag);
                    },
                    cancellationToken);
            }

            await bucket.Slots.RunAsync(
                token => Client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
                {
                    BucketName = bucket.Name,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartETags = upload.Parts,
                }, token),
                cancellationToken);
            var md5 = upload.Md5();
            upload.Dispose();
            return new VfsWriteResult(content.Length, resumedFrom, md5);
        }
        catch (Exception ex)
        {
            var failure = ex is VfsException or OperationCanceledException ? ex : bucket.Translate($"'{path}'", ex);
            if (resumable && VfsTempName.KeepPartial(options, failure))
            {
                _uploads[remembered] = upload;
            }
            else
            {
                await AbortAsync(upload);
            }

            if (failure == ex)
            {
                throw;
            }

            throw failure;
        }
    }

    /// <summary>The ETag of an unencrypted upload must be the MD5 sent: S3 checks Content-MD5 itself, S3-compatible servers may not.</summary>
    private static void CheckStored(string path, ContentPart part, string? etag, bool encrypted)
    {
        if (!encrypted && Md5Of(etag) is { } stored && stored != part.Md5Hex)
        {
            throw new VfsException($"'{path}': the store kept MD5 {stored} for a part sent with MD5 {part.Md5Hex}") { Transient = true };
        }
    }

    /// <summary>With SSE-KMS the ETag is not the content's MD5 (objects with customer keys cannot even be read without the key).</summary>
    private static bool Encrypted(ServerSideEncryptionMethod? method) =>
        method == ServerSideEncryptionMethod.AWSKMS || method == ServerSideEncryptionMethod.AWSKMSDSSE;

    private async Task AbortAsync(S3Upload upload)
    {
        try
        {
            await bucket.Slots.RunAsync(
                token => Client.AbortMultipartUploadAsync(
                    new AbortMultipartUploadRequest { BucketName = bucket.Name, Key = upload.Key, UploadId = upload.UploadId }, token),
                CancellationToken.None);
        }
        catch (Exception)
        {
            // Best effort: a bucket lifecycle rule removes what is left (and some S3-compatible servers cannot abort at all).
        }
        finally
        {
            upload.Dispose();
        }
    }

    /// <summary>The ETag of a single-part, unencrypted upload is the content's MD5; multipart ETags end in "-parts".</summary>
    private static string? Md5Of(string? etag) =>
        etag?.Trim('"') is { Length: 32 } plain && plain.All(char.IsAsciiHexDigit) ? plain.ToLowerInvariant() : null;

    private static bool IsMarker(string key) => key.EndsWith('/');

    private static DateTimeOffset Time(DateTime? value) =>
        value is { } time ? new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
}
