namespace Aft.Scripting.Vfs;

/// <summary>How <see cref="IVfsBackend.WriteAsync"/> writes a file.</summary>
public sealed record VfsWriteOptions
{
    public static VfsWriteOptions Default { get; } = new();

    /// <summary>
    /// Identifies the content being written (its source and version). A backend that can resume keeps the partial data
    /// of a failed write under a temporary name derived from it, and a later write of the same path with the same key
    /// continues it. Null: nothing is kept.
    /// </summary>
    public string? ResumeKey { get; init; }

    /// <summary>
    /// Write under the final name from the first byte (no temporary name), for servers that pick files up by name
    /// and forbid renames. A failed write removes what it wrote where the connection still allows it.
    /// </summary>
    public bool Direct { get; init; }
}
