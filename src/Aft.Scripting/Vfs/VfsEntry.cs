namespace Aft.Scripting.Vfs;

/// <summary>One file or directory as a backend describes it.</summary>
/// <param name="Name">The last path segment.</param>
/// <param name="Path">The VFS path ("/dir/name").</param>
/// <param name="Size">Bytes; 0 for directories and links.</param>
/// <param name="ModTime">Last modification.</param>
/// <param name="IsDir">A directory (after following links when the entry came from a stat).</param>
/// <param name="IsSymlink">A symbolic link (only from lstat and listings).</param>
/// <param name="Mode">Unix permission bits; 0 where the storage has none.</param>
/// <param name="Md5">The storage's own lowercase hex MD5 of the content, where it keeps one (object stores); else null.</param>
public sealed record VfsEntry(string Name, string Path, long Size, DateTimeOffset ModTime, bool IsDir, bool IsSymlink, int Mode, string? Md5 = null);
