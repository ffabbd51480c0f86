namespace Aft.Scripting.Tests;

/// <summary>A fresh folder under the system temp directory, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("aft-test-").FullName;
    }

    public string Path { get; }

    /// <summary>Creates (or returns) a sub folder.</summary>
    public string Folder(string relative) => Directory.CreateDirectory(System.IO.Path.Join(Path, relative)).FullName;

    /// <summary>Writes a text file, creating its folders.</summary>
    public string File(string relative, string content)
    {
        var path = System.IO.Path.Join(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string Read(string relative) => System.IO.File.ReadAllText(System.IO.Path.Join(Path, relative));

    public bool Exists(string relative) => System.IO.Path.Exists(System.IO.Path.Join(Path, relative));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
