namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>What a listing line describes.</summary>
public enum FtpItemKind
{
    File,
    Directory,
    Link,
}
