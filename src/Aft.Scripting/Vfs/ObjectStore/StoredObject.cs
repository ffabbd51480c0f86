namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>One object (blob) as the store describes it.</summary>
/// <param name="Key">The full object key (name) in the bucket or container.</param>
/// <param name="Size">Bytes.</param>
/// <param name="ModTime">When it was last written.</param>
/// <param name="Md5">The store's lowercase hex MD5 of the content, where it keeps one; else null.</param>
/// <param name="IsFolder">A folder marker (see <see cref="IObjectStore.PutFolderAsync"/>), not a file.</param>
public sealed record StoredObject(string Key, long Size, DateTimeOffset ModTime, string? Md5, bool IsFolder);
