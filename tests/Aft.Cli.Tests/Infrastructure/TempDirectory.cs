namespace Aft.Cli.Tests.Infrastructure;

/// <summary>A fresh directory under /tmp (short, so DATA_DIR/aft.sock stays within the Unix socket path limit).</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine("/tmp", "aft-cli-" + Guid.NewGuid().ToString("N")[..12]);

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process still writing; /tmp is cleaned eventually.
        }
    }
}
