namespace Aft.Scripting.Vfs;

/// <summary>A VFS operation failed; the message is meant for the script author (it names VFS paths, never secrets).</summary>
public class VfsException : IOException
{
    public VfsException(string message)
        : base(message)
    {
    }

    public VfsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The failure may go away if the operation is tried again (a connection reset or refused, a timeout, a server
    /// busy or restarting); not so for a missing file, a refused login or a full disk.
    /// </summary>
    public bool Transient { get; init; }
}
