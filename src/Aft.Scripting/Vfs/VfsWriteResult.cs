namespace Aft.Scripting.Vfs;

/// <summary>What a write stored.</summary>
/// <param name="Length">The size of the stored file, as the storage reports it.</param>
/// <param name="ResumedFrom">Bytes that were already stored by an earlier, interrupted write and were not sent again.</param>
/// <param name="Md5">The storage's own lowercase hex MD5 of the whole stored content when it computes one; else null.</param>
public sealed record VfsWriteResult(long Length, long ResumedFrom = 0, string? Md5 = null);
