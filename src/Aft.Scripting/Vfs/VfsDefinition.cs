namespace Aft.Scripting.Vfs;

/// <summary>One VFS Library entry.</summary>
/// <param name="Name">The name scripts pass to <c>VirtualFSByName</c>.</param>
/// <param name="Type">The backend type ("disk", later "sftp", "s3"...), matched case-insensitively.</param>
/// <param name="Target">Where the storage is (a folder for disk, a host for SFTP, a bucket for S3).</param>
/// <param name="Options">Backend settings that are not secret.</param>
/// <param name="Credentials">Credential field (e.g. "password") to the NAME of the secret holding it; read at use time.</param>
public sealed record VfsDefinition(
    string Name,
    string Type,
    string Target,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlyDictionary<string, string> Credentials);
