namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>
/// The few operations on object keys that an object store (an S3 bucket, an Azure container) offers;
/// <see cref="ObjectStoreVfsBackend"/> builds the VFS (folders as prefixes, markers, renames as copies) on top.
/// Methods that fail with a vendor exception leave it to <see cref="Translate"/>; those that take a VFS path
/// (<c>path</c>) already throw <see cref="VfsException"/>s naming it.
/// </summary>
public interface IObjectStore : IDisposable
{
    /// <summary>The service and bucket or container, for connection limits and health.</summary>
    VfsEndpoint Endpoint { get; }

    /// <summary>Requests at once (the definition's <c>maxConnections</c>).</summary>
    int MaxConnections { get; }

    /// <summary>The object (or folder marker) named <paramref name="key"/>, or null when there is none.</summary>
    Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// The objects whose keys start with <paramref name="prefix"/>, in key order, at most <paramref name="limit"/>;
    /// with <paramref name="delimited"/> only those directly below it, deeper ones grouped into prefixes.
    /// </summary>
    Task<ObjectListing> ListAsync(string prefix, bool delimited, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the marker that keeps an empty folder: an empty object named <paramref name="folderKey"/> (ending in
    /// '/') where the store allows that name, else the store's own convention, which must not replace a file at
    /// <paramref name="path"/>. Listings and HEADs flag markers with <see cref="StoredObject.IsFolder"/>, except
    /// the S3-style one named exactly like a listed prefix.
    /// </summary>
    Task PutFolderAsync(string folderKey, string path, CancellationToken cancellationToken);

    /// <summary>Copies an object inside the store (no bytes pass through here); an existing target is replaced.</summary>
    Task CopyAsync(string sourceKey, string targetKey, CancellationToken cancellationToken);

    /// <summary>Deletes objects, in batches where the store has them; keys that do not exist are fine.</summary>
    Task DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Opens the object for reading at <paramref name="offset"/>; the stream holds a request slot until disposed.</summary>
    Task<Stream> OpenReadAsync(string key, string path, long offset, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="content"/> as the object; see <see cref="IVfsBackend.WriteAsync"/>.</summary>
    Task<VfsWriteResult> WriteAsync(string key, string path, VfsContent content, VfsWriteOptions options, CancellationToken cancellationToken);

    /// <summary>The <see cref="VfsException"/> for a failure of a request about <paramref name="subject"/> (a quoted VFS path).</summary>
    VfsException Translate(string subject, Exception exception);
}
