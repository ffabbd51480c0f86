using Aft.Api.Vfs;

namespace Aft.Ui.Components.Pages.Vfs;

/// <summary>
/// What the VFS pages say about each type beyond what its provider declares (its options and credential fields):
/// a readable name and the form of its target. A type this list does not know still works, with generic wording.
/// </summary>
public static class VfsTypes
{
    private static readonly Dictionary<string, (string Label, string TargetHint)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disk"] = ("Disk: a local folder", "The absolute path of a folder, e.g. /srv/outbox. Every node that runs jobs needs it at this path."),
        ["sftp"] = ("SFTP: SSH file transfer", "host or host:port (port 22 by default)."),
        ["ftp"] = ("FTP", "host or host:port (port 21 by default)."),
        ["ftps"] = ("FTPS: FTP over TLS", "host or host:port (21 by default; 990 for implicit TLS)."),
        ["s3"] = ("S3: Amazon S3 or a compatible server", "bucket, or bucket/prefix to confine the VFS to a prefix."),
        ["azureblob"] = ("Azure Blob Storage", "container, or container/prefix to confine the VFS to a prefix."),
    };

    public static string Label(string type) => Known.TryGetValue(type, out var known) ? known.Label : type;

    public static string TargetHint(string type) => Known.TryGetValue(type, out var known) ? known.TargetHint : "Where the storage is.";

    /// <summary>Where an entry points, in one line: <c>user@host/root</c> for servers, the target with its endpoint for object stores.</summary>
    public static string Location(VfsResponse vfs)
    {
        var where = vfs.Options.TryGetValue("user", out var user) ? $"{user}@{vfs.Target}" : vfs.Target;
        if (vfs.Options.TryGetValue("root", out var root))
        {
            where += root;
        }

        return vfs.Options.TryGetValue("endpoint", out var endpoint) ? $"{where} at {endpoint}" : where;
    }
}
