namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>One entry of a directory listing (MLSD, LIST) or of an MLST reply.</summary>
/// <param name="Name">The name as listed (a full path for MLST).</param>
/// <param name="Kind">File, directory or symbolic link.</param>
/// <param name="Size">Bytes; 0 when not listed.</param>
/// <param name="Modified">The modification time in UTC, when listed (LIST gives minutes, or only the day for older files).</param>
/// <param name="Mode">Unix permission bits, when listed.</param>
/// <param name="LinkTarget">Where a link points, when listed.</param>
public sealed record FtpListItem(string Name, FtpItemKind Kind, long Size, DateTimeOffset? Modified, int? Mode, string? LinkTarget = null);
