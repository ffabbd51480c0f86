using Aft.Scripting.Vfs.Ftp.Client;

namespace Aft.Scripting.Vfs.Ftp;

/// <summary>Turns the FTP client's failures into <see cref="VfsException"/>s that name the VFS path and keep whether trying again may help.</summary>
internal static class FtpErrors
{
    public static VfsException Translate(string path, Exception exception) => exception switch
    {
        VfsException vfs => vfs,
        FtpException ftp => new VfsException($"'{path}': {ftp.Message}", ftp) { Transient = ftp.Transient },
        _ => new VfsException($"'{path}': {exception.Message}", exception) { Transient = exception is IOException or TimeoutException },
    };

    public static VfsException Missing(string path) => new($"'{path}': no such file or directory");

    /// <summary>A refusal with a 5xx reply: the server looked and said no (no such file, not empty, permission).</summary>
    public static bool IsRefusal(Exception exception) => exception is FtpException { Reply.Code: >= 500 };
}
