using System.Net.Sockets;
using Renci.SshNet.Common;

namespace Aft.Scripting.Vfs.Sftp;

/// <summary>SSH.NET's exceptions as <see cref="VfsException"/>s that name the VFS path and say whether trying again may help.</summary>
public static class SftpErrors
{
    /// <param name="exception">What SSH.NET threw.</param>
    /// <param name="subject">The VFS path, or the endpoint for a connect.</param>
    /// <param name="action">What was being done, for messages that need it ("connect", "read").</param>
    public static VfsException Translate(Exception exception, string subject, string action) => exception switch
    {
        VfsException vfs => vfs,
        SftpPathNotFoundException => new VfsException($"'{subject}': no such file or directory", exception),
        SftpPermissionDeniedException => new VfsException($"'{subject}': permission denied", exception),
        SshAuthenticationException => new VfsException($"{subject}: login refused ({exception.Message}); check the user and credentials", exception),
        SshOperationTimeoutException or TimeoutException => new VfsException($"'{subject}': the server did not answer in time ({action})", exception) { Transient = true },
        // SSH.NET reports a session or channel that went away under it as an invalid operation ("The session is not open").
        SshConnectionException or SocketException or ProxyException or IOException or ObjectDisposedException or InvalidOperationException =>
            new VfsException($"'{subject}': the connection to the server was lost ({action}: {exception.Message})", exception) { Transient = true },
        SftpException sftp => new VfsException($"'{subject}': {sftp.Message}", exception),
        SshException => new VfsException($"'{subject}': {exception.Message}", exception) { Transient = true },
        _ => new VfsException($"'{subject}': {exception.Message}", exception),
    };
}
