using System.Diagnostics;

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

    /// <summary>
    /// Runs a set-up program (ssh-keygen, initdb, chown…) to its end, with no shell in between; a failure says what
    /// the program printed on stderr, not its arguments (a passphrase may be one).
    /// </summary>
    /// <param name="workingDirectory">Where it runs, when the current folder is not one it may enter (another user's program).</param>
    public static async Task RunToolAsync(string file, IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {await error}");
        }
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
