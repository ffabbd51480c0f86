namespace Aft.Scripting.Vfs;

/// <summary>
/// A remote storage endpoint: what connection limits and health are kept for, cluster-wide. Credentials are not part
/// of it (two definitions with the same account share the server's limit), so <see cref="Key"/> may be logged.
/// </summary>
/// <param name="Type">The VFS type ("sftp", "s3"...).</param>
/// <param name="Host">The server's host name or address, or the object store's service host.</param>
/// <param name="Port">The TCP port.</param>
/// <param name="Account">The user name, or the bucket or container.</param>
public sealed record VfsEndpoint(string Type, string Host, int Port, string Account)
{
    /// <summary>"sftp://user@host:22": one string per endpoint, case-insensitive parts lowered.</summary>
    public string Key => $"{Type.ToLowerInvariant()}://{Uri.EscapeDataString(Account)}@{FormatHost(Host.ToLowerInvariant())}:{Port}";

    public override string ToString() => Key;

    private static string FormatHost(string host) => host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;
}
