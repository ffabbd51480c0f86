namespace Aft.Scripting.Vfs;

/// <summary>What a storage can do beyond listing, reading, writing, renaming and removing files.</summary>
[Flags]
public enum VfsCapabilities
{
    None = 0,

    /// <summary>Folders exist on their own (not only as prefixes of object names), so an empty folder can be created and listed.</summary>
    Folders = 1,

    /// <summary>Symbolic links (Symlink, Lstat).</summary>
    Symlinks = 2,

    /// <summary>Unix permission bits (Chmod, <see cref="VfsEntry.Mode"/>).</summary>
    Permissions = 4,

    /// <summary>Setting modification times (Chtimes).</summary>
    Times = 8,

    /// <summary>Cutting or extending a file in place (Truncate).</summary>
    Truncate = 16,

    /// <summary>An interrupted write with a <see cref="VfsWriteOptions.ResumeKey"/> continues where it stopped.</summary>
    Resume = 32,

    /// <summary>Stat and listings carry the storage's own MD5 of a file (<see cref="VfsEntry.Md5"/>), and writes return it.</summary>
    ContentMd5 = 64,
}
