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
}
