using System.Security.Cryptography;
using Aft.Scripting.Vfs.ObjectStore;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Aft.Scripting.Vfs.AzureBlob;

/// <summary>
/// Object operations on one Azure Blob container. Content up to one block is stored with a single Put Blob; larger
/// content is staged in blocks and committed as a block list, which makes the blob appear only then, after the
/// service's block list was checked against the content's length. Every request body carries its MD5 (the service
/// checks it) and a whole upload stores the content's MD5 as the blob's Content-MD5. Block IDs of a resumable write
/// derive from its resume key, so a later write of the same content finds the blocks already staged and sends the
/// rest; uncommitted blocks never show, and Azure drops them when the blob is next written or after a week.
/// </summary>
public sealed class AzureBlobObjectStore(AzureContainer container) : IObjectStore
{
    /// <summary>The block size (and the largest single Put Blob); bigger when content needs more than <see cref="MaxBlocks"/> blocks.</summary>
    public const int BlockSize = 8 * 1024 * 1024;

    private const int MaxBlocks = 50_000;
    private const int PageSize = 5000;
    private const string FolderMetadata = "hdi_isfolder";

    public VfsEndpoint Endpoint => container.Endpoint;

    public int MaxConnections => container.Slots.MaxConnections;

    public async Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await container.Slots.RunAsync(token => container.Client.GetBlobClient(key).GetPropertiesAsync(cancellationToken: token), cancellationToken);
            return new StoredObject(key, properties.Value.ContentLength, properties.Value.LastModified, Hex(properties.Value.ContentHash), IsMarker(key, properties.Value.Metadata));
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode != "ContainerNotFound")
        {
            return null;
        }
    }

    public async Task<ObjectListing> ListAsync(string prefix, bool delimited, int limit, CancellationToken cancellationToken)
    {
        var objects = new List<StoredObject>();
        var prefixes = new List<string>();
        string? continuation = null;
        do
        {
            var page = await container.Slots.RunAsync(async token =>
            {
                var pages = container.Client.GetBlobsByHierarchyAsync(
                        new GetBlobsByHierarchyOptions { Prefix = prefix, Delimiter = delimited ? "/" : null, Traits = BlobTraits.Metadata }, token)
                    .AsPages(continuation, Math.Min(limit, PageSize));
                await foreach (var first in pages)
                {
                    return first;
                }

                return null;
            }, cancellationToken);
            if (page is null)
            {
                break;
            }

            foreach (var item in page.Values)
            {
                if (item.IsPrefix)
                {
                    prefixes.Add(item.Prefix);
                }
                else
                {
                    var properties = item.Blob.Properties;
                    objects.Add(new StoredObject(
                        item.Blob.Name, properties.ContentLength ?? 0, properties.LastModified ?? DateTimeOffset.UnixEpoch, Hex(properties.ContentHash), IsMarker(item.Blob.Name, item.Blob.Metadata)));
                }
            }

            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation) && objects.Count + prefixes.Count < limit);

        return new ObjectListing(objects, prefixes);
    }

    /// <summary>
    /// Azure advises against blob names ending in '/' (Azurite drops the slash), so a folder is marked the way
    /// Hadoop, BlobFuse and Data Lake tools do: an empty blob named like the folder with metadata hdi_isfolder=true.
    /// It is created only where no blob has that name, so a file of the folder's name is never replaced.
    /// </summary>
    public async Task PutFolderAsync(string folderKey, string path, CancellationToken cancellationToken)
    {
        var name = folderKey.TrimEnd('/');
        try
        {
            await container.Slots.RunAsync(
                token => container.Client.GetBlockBlobClient(name).UploadAsync(new MemoryStream(), new BlobUploadOptions
                {
                    Metadata = new Dictionary<string, string> { [FolderMetadata] = "true" },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                }, token),
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            if (await HeadAsync(name, cancellationToken) is { IsFolder: false })
            {
                throw new VfsException($"'{path}' is a file, not a folder");
            }
        }
    }

    public Task CopyAsync(string sourceKey, string targetKey, CancellationToken cancellationToken) =>
        container.Slots.RunAsync(async token =>
        {
            // Inside one account the copy is done when the request returns; waiting covers services that copy later.
            var copy = await container.Client.GetBlobClient(targetKey).StartCopyFromUriAsync(container.Client.GetBlobClient(sourceKey).Uri, cancellationToken: token);
            await copy.WaitForCompletionAsync(token);
        }, cancellationToken);

    /// <summary>One request per blob, as many at once as the definition allows (the batch API is a separate package).</summary>
    public Task DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = MaxConnections, CancellationToken = cancellationToken },
            async (key, token) => await container.Slots.RunAsync(
                inner => container.Client.GetBlobClient(key).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: inner), token));

    public Task<Stream> OpenReadAsync(string key, string path, long offset, CancellationToken cancellationToken) =>
        container.Slots.DownloadAsync(
            path,
            async token =>
            {
                var options = new BlobDownloadOptions { Range = offset > 0 ? new HttpRange(offset) : default };
                var download = await container.Client.GetBlobClient(key).DownloadStreamingAsync(options, token);
                return (download.Value.Content, download.Value);
            },
            failure => failure is RequestFailedException { Status: 416 },
            cancellationToken);

    public async Task<VfsWriteResult> WriteAsync(string key, string path, VfsContent content, VfsWriteOptions options, CancellationToken cancellationToken)
    {
        var blob = container.Client.GetBlockBlobClient(key);
        var blockSize = ContentParts.SizeFor(content.Length, BlockSize, MaxBlocks, path);
        if (content.Length > blockSize)
        {
            return await WriteBlocksAsync(blob, path, content, options, blockSize, cancellationToken);
        }

        await using var parts = await ContentParts.OpenAsync(content, 0, partsInFlight: 1, path, cancellationToken);
        var part = await parts.NextAsync(blockSize, cancellationToken);
        await container.Slots.RunAsync(
            token => blob.UploadAsync(part.Open(), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentHash = part.Md5 },

                // The uploader refuses a precalculated hash (it might split the stream); it hashes the buffer itself.
                TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
            }, token),
            cancellationToken);
        return new VfsWriteResult(part.Length, Md5: part.Md5Hex);
    }

    public VfsException Translate(string subject, Exception exception) => container.Translate(subject, exception);

    public void Dispose()
    {
        // Staged blocks stay with the service for the next try; nothing is held here.
    }

    private async Task<VfsWriteResult> WriteBlocksAsync(
        BlockBlobClient blob, string path, VfsContent content, VfsWriteOptions options, int blockSize, CancellationToken cancellationToken)
    {
        var resumable = options.ResumeKey is not null && content.Resumable;
        var ids = AzureBlockIds.For(resumable ? options.ResumeKey : null, content.Length, blockSize);
        long SizeOf(int index) => Math.Min(blockSize, content.Length - (long)index * blockSize);

        var done = 0;
        if (resumable)
        {
            var staged = await StagedAsync(blob, cancellationToken);
            while (done < ids.Count && staged.GetValueOrDefault(ids[done], -1) == SizeOf(done))
            {
                done++;
            }
        }

        var resumedFrom = (long)done * blockSize;

        // Resumed blocks were hashed by an earlier write, perhaps in another process: then the whole MD5 is unknown.
        using var md5 = resumedFrom == 0 ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
        await using (var parts = await ContentParts.OpenAsync(content, resumedFrom, container.Slots.Options.PartsInFlight, path, cancellationToken))
        {
            var next = done;
            await parts.SendAllAsync(
                blockSize,
                (part, token) =>
                {
                    var id = ids[next++];
                    return container.Slots.RunAsync(
                        innerToken => blob.StageBlockAsync(id, part.Open(), new BlockBlobStageBlockOptions
                        {
                            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5, PrecalculatedChecksum = part.Md5 },
                        }, innerToken),
                        token);
                },
                (part, _) => md5?.AppendData(part.Span),
                cancellationToken);
        }

        // The service's own account of the staged blocks, before the blob becomes visible.
        var stored = await StagedAsync(blob, cancellationToken);
        var held = ids.Select((id, index) => stored.GetValueOrDefault(id, -1) == SizeOf(index) ? SizeOf(index) : 0).Sum();
        if (held != content.Length)
        {
            throw new VfsException($"'{path}': the service holds {held} of {content.Length} bytes in staged blocks") { Transient = true };
        }

        var hash = md5?.GetHashAndReset();
        await container.Slots.RunAsync(
            token => blob.CommitBlockListAsync(ids, new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentHash = hash } }, token),
            cancellationToken);
        return new VfsWriteResult(content.Length, resumedFrom, Hex(hash));
    }

    /// <summary>The uncommitted blocks of the blob by ID, with their sizes; none when the blob does not exist yet.</summary>
    private async Task<Dictionary<string, long>> StagedAsync(BlockBlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var list = await container.Slots.RunAsync(token => blob.GetBlockListAsync(BlockListTypes.Uncommitted, cancellationToken: token), cancellationToken);
            return list.Value.UncommittedBlocks.ToDictionary(block => block.Name, block => block.SizeLong, StringComparer.Ordinal);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode != "ContainerNotFound")
        {
            return [];
        }
    }


    private static bool IsMarker(string name, IDictionary<string, string>? metadata) =>
        name.EndsWith('/') || (metadata?.TryGetValue(FolderMetadata, out var value) == true && value.Equals("true", StringComparison.OrdinalIgnoreCase));

    private static string? Hex(byte[]? md5) => md5 is { Length: 16 } ? Convert.ToHexStringLower(md5) : null;
}
