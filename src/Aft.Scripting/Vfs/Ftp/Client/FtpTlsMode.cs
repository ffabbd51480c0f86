namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>How an FTP session is encrypted.</summary>
public enum FtpTlsMode
{
    /// <summary>Plain FTP: commands, the password and data in clear text.</summary>
    None,

    /// <summary>Explicit FTPS: the session starts in clear text and switches to TLS with <c>AUTH TLS</c> before the login.</summary>
    Explicit,

    /// <summary>Implicit FTPS: TLS from the first byte (usually port 990).</summary>
    Implicit,
}
