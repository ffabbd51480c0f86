namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>
/// An FTP operation failed: the server refused it (<see cref="Reply"/> is set), or the connection broke or timed
/// out (then <see cref="Transient"/> is true and the client is no longer usable). Messages never hold the password.
/// </summary>
public sealed class FtpException : IOException
{
    public FtpException(string message, bool transient, FtpReply? reply = null, Exception? innerException = null, string? command = null)
        : base(message, innerException)
    {
        Transient = transient;
        Reply = reply;
        Command = command;
    }

    /// <summary>Trying again may help: a dropped connection, a timeout, or a 4xx reply.</summary>
    public bool Transient { get; }

    /// <summary>The refusing reply, when the server sent one.</summary>
    public FtpReply? Reply { get; }

    /// <summary>The command the server refused ("CWD", "RETR"), when it was one.</summary>
    public string? Command { get; }

    /// <summary>A refused command: 4xx replies are transient, 5xx are not.</summary>
    public static FtpException Refused(string what, FtpReply reply) =>
        new($"{what} refused: {reply.Message}", reply.IsTransientFailure, reply, command: what);
}
