using System.Security.Cryptography;
using System.Text;

namespace Aft.Scripting.Vfs;

/// <summary>
/// The temporary name a file is written under before it is renamed into place: hidden, in the same folder, and
/// for a resumable write derived from the final name and the resume key, so the next try finds it.
/// </summary>
public static class VfsTempName
{
    public const string PartialSuffix = ".aft-part";
    public const string TemporarySuffix = ".aft-tmp";

    /// <summary>The temporary path for writing <paramref name="path"/> (a normalized VFS path or a host path with '/').</summary>
    public static string For(string path, string? resumeKey)
    {
        var slash = path.LastIndexOf('/');
        var folder = path[..(slash + 1)];
        var name = path[(slash + 1)..];
        var tag = resumeKey is null
            ? Guid.NewGuid().ToString("N")[..16] + TemporarySuffix
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + resumeKey)))[..16] + PartialSuffix;

        // Long names are cut so the temporary name stays within the usual 255-byte limit.
        var kept = name.Length > 200 ? name[..200] : name;
        return $"{folder}.{kept}.{tag}";
    }

    /// <summary>
    /// Whether the partial data of a failed write is worth keeping for the next try: it was resumable and the
    /// failure may pass (a dropped connection), not a refusal.
    /// </summary>
    public static bool KeepPartial(VfsWriteOptions options, Exception failure) =>
        options.ResumeKey is not null && failure switch
        {
            VfsException vfs => vfs.Transient,
            OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException => true,
            IOException and not VfsException => true,
            _ => false,
        };
}
