namespace Aft.Testing;

/// <summary>Where the build put the real <c>aft</c> executable, for tests that start it as a separate process.</summary>
public static class AftBuild
{
    /// <summary>The checkout these tests were built from (the folder of Aft.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// src/Aft.Cli's aft.dll, of the same configuration and framework as the running test assembly. Looked up when
    /// asked for, not with <see cref="RepositoryRoot"/>: test projects that only read the checkout do not depend on
    /// Aft.Cli, and a parallel build may not have made it yet when they run.
    /// </summary>
    public static string AftDll => Find();

    private static string FindRoot()
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

    private static string Find()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(RepositoryRoot, "src", "Aft.Cli", "bin", output.Parent!.Name, output.Name, "aft.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build src/Aft.Cli first: no {dll}");
    }
}
