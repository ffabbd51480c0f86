namespace Aft.Testing.Servers;

/// <summary>
/// Where the real servers the tests run are installed: <c>tests/servers/install.sh</c> puts what Debian cannot
/// install side by side (vsftpd next to proftpd) and the npm servers under <c>.test-servers/</c> at the repository
/// root; the rest comes from Debian's packages.
/// </summary>
public static class TestServers
{
    /// <summary>The repository's <c>.test-servers</c> folder (or <c>AFT_TEST_SERVERS</c>, for a program run outside the repository).</summary>
    public static string Folder { get; } = Environment.GetEnvironmentVariable("AFT_TEST_SERVERS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(RepositoryRoot(), ".test-servers");

    /// <summary>The first of <paramref name="candidates"/> (relative ones under <see cref="Folder"/>) that exists; a clear failure otherwise.</summary>
    public static string Find(string what, params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var path = Path.IsPathRooted(candidate) ? candidate : Path.Combine(Folder, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(
            $"{what} is not installed (looked for {string.Join(", ", candidates)}): run tests/servers/install.sh as root first");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aft.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("no Aft.sln above the test output");
    }
}
