namespace Aft.Bench.Cluster;

/// <summary>Where the programs this benchmark starts were built, next to its own build (same configuration).</summary>
public static class BuildOutputs
{
    /// <summary>src/Aft.Cli's aft.dll: the real <c>aft serve</c> and <c>aft db init</c>.</summary>
    public static string AftDll => Existing(Path.Combine(Root, "src", "Aft.Cli", "bin", Configuration, Framework, "aft.dll"));

    /// <summary>The Hangfire peer, bench/Aft.Bench.Hangfire.</summary>
    public static string HangfireDll => Existing(Path.Combine(Root, "bench", "Aft.Bench.Hangfire", "bin", Configuration, Framework, "Aft.Bench.Hangfire.dll"));

    /// <summary>The repository this benchmark was built in.</summary>
    public static string Root => Bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    // bench/Aft.Bench.Cluster/bin/<Configuration>/<Framework>
    private static DirectoryInfo Bin => new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    private static string Configuration => Bin.Parent!.Name;

    private static string Framework => Bin.Name;

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build with 'dotnet build -c {Configuration} bench/Aft.Bench.Cluster'");
}
