using Aft.Grains.Storage;

namespace Aft.Silo;

/// <summary>
/// Holds <c>DATA_DIR/aft.lock</c> open and exclusive while a service runs, so a second <c>aft serve</c> on the
/// same data dir fails clearly and offline tools can tell that a service is running.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _stream;

    private DataDirectoryLock(FileStream stream) => _stream = stream;

    public static DataDirectoryLock Acquire(DataDirectory dataDirectory)
    {
        dataDirectory.EnsureExists();
        try
        {
            var stream = new FileStream(dataDirectory.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }

            stream.Flush(flushToDisk: true);
            return new DataDirectoryLock(stream);
        }
        catch (IOException)
        {
            throw new ServiceStartException($"another AFT service is already running on the data dir {dataDirectory.Path}; stop it, or give this one another --data-dir");
        }
    }

    public static bool IsHeld(DataDirectory dataDirectory)
    {
        if (!File.Exists(dataDirectory.LockFile))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(dataDirectory.LockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _stream.Dispose();
}
