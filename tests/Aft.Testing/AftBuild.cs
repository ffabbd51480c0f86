namespace Aft.Testing;

/// <summary>Where the build put the real <c>aft</c> executable, for tests that start it as a separate process.</summary>
public static class AftBuild
{
    /// <summary>src/Aft.Cli's aft.dll, of the same configuration and framework as the running test assembly.</summary>
    public static string AftDll { get; } = Find();

    private static string Find()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aft.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Aft.Cli", "bin", configuration, output.Name, "aft.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"build src/Aft.Cli first: no {dll}");
            }
        }

        throw new DirectoryNotFoundException("no Aft.sln above the test output");
    }
}
