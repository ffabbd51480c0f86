namespace Aft.Grains.Storage;

/// <summary>
/// The one folder that holds a node's state: databases, TLS certificate, secret key, initial admin key, lock file.
/// </summary>
public sealed class DataDirectory
{
    public DataDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public string AppDatabase => Combine("aft.db");

    public string GrainDatabase => Combine("grains.db");

    public string SecretKeyFile => Combine("secrets.key");

    public string InitialAdminKeyFile => Combine("initial-admin-key");

    public string LockFile => Combine("aft.lock");

    public string TlsDirectory => Combine("tls");

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Creates the folder readable by its owner only (it holds key material).</summary>
    public void EnsureExists()
    {
        if (Directory.Exists(Path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The data dir when none is configured: <c>AFT_DATA_DIR</c>, else the OS convention.</summary>
    public static string DefaultPath()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AFT_DATA_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (OperatingSystem.IsWindows())
        {
            return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "aft");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = string.IsNullOrWhiteSpace(xdg)
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return System.IO.Path.Combine(root, "aft");
    }
}
