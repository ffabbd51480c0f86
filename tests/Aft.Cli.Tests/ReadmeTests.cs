using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aft.Cli.Tests.Infrastructure;
using Aft.Testing;

namespace Aft.Cli.Tests;

/// <summary>The README check runs alone in this assembly: it builds and publishes aft, which takes both cores for minutes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReadmeCollection
{
    public const string Name = "readme";
}

/// <summary>
/// README.md works as written, top to bottom, as on a fresh machine: its sh blocks run in order in one bash session,
/// on a fresh copy of this working tree (tracked and new files, no build output) and with a home directory of its
/// own, against the real service that its first block starts. The blocks it does not run are marked in README.md,
/// right before them, with the reason (lines that need root, and <c>tests/run.sh</c>, which runs this test).
/// So that it can run beside other services, the service listens on a free port: <c>44399</c> in the blocks is that
/// port, and <c>AFT_HOST</c> names it to <c>aft</c>. curl fails on an HTTP error (<c>--fail-with-body</c>), so a
/// refused call fails the check. Afterwards every job the README queued has succeeded, and the binary the README
/// installs, alone in its folder, logs exactly what <c>dotnet run</c> logs.
/// </summary>
[Collection(ReadmeCollection.Name)]
[Trait(TestStore.Trait, TestStore.Sqlite)]
public sealed class ReadmeTests : IDisposable
{
    private const string DefaultPort = "44399";

    /// <summary>A build or publish of the whole solution from nothing, on a busy machine.</summary>
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    private readonly TempDirectory _root = new();

    [Fact]
    public async Task The_README_runs_as_written_top_to_bottom_against_a_real_service()
    {
        var blocks = ReadmeBlocks.Parse(await File.ReadAllTextAsync(Path.Combine(AftBuild.RepositoryRoot, "README.md")));
        Assert.True(blocks is [{ InBackground: true }, ..] && blocks.Count(block => block.InBackground) == 1, "the README's first command, and only that one, starts the service");
        var (repository, copied) = await CopyWorkingTreeAsync(Path.Combine(_root.Path, "repo"));
        var home = Directory.CreateDirectory(Path.Combine(_root.Path, "home")).FullName;
        var port = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        var environment = FreshHome(home, port);

        await using var service = BackgroundShell.Start(blocks[0].Text, repository, environment);
        await service.WaitForAsync(blocks[0].Until!, BuildTimeout);

        var script = Path.Combine(_root.Path, "readme.sh");
        await File.WriteAllTextAsync(script, Script(blocks.Skip(1).Where(block => !block.Skipped), port));
        var run = await RunAsync("bash", [script], repository, environment, BuildTimeout);
        Assert.True(run.ExitCode == 0, run.ToString());

        // Whatever the README made in the checkout (build output, the published binary) is ignored by git.
        var made = Directory.EnumerateFiles(repository, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(repository, file)).Except(copied).ToList();
        var check = ChildProcess.Info("git", ["check-ignore", "--no-index", "--stdin"], null, AftBuild.RepositoryRoot);
        check.RedirectStandardInput = true;
        var ignored = await AftCli.CompleteAsync(Process.Start(check)!, string.Join('\n', made) + "\n");
        Assert.Contains(Path.Combine("out", "linux-x64", "aft"), made);
        Assert.Empty(made.Except(ignored.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        var dataDir = Path.Combine(home, ".local", "share", "aft");
        var key = (await File.ReadAllTextAsync(Path.Combine(dataDir, "initial-admin-key"))).Trim();
        using (var client = PinnedHttpClient.Create(new Uri($"https://127.0.0.1:{port}"), dataDir, key))
        {
            var jobs = (await client.GetFromJsonAsync<JsonElement>("/v1/jobs?limit=500")).GetProperty("items").EnumerateArray().ToList();
            Assert.True(jobs.Count >= 6 && jobs.All(job => job.GetProperty("status").GetString() == "succeeded"), string.Join('\n', jobs));
        }

        // Installed alone, as the README installs it, the binary logs what dotnet run logs: the same lines, no more.
        var installed = Path.Combine(home, ".local", "bin");
        Assert.Equal(["aft"], Directory.GetFiles(installed).Select(Path.GetFileName));
        var otherDataDir = Path.Combine(_root.Path, "installed");
        var otherPort = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        string installedOutput;
        await using (var alone = BackgroundShell.Start($"exec '{installed}/aft' serve --data-dir '{otherDataDir}' --port {otherPort}", _root.Path, environment))
        {
            await alone.WaitForAsync("AFT is listening", TimeSpan.FromSeconds(90));
            installedOutput = await alone.StopAsync();
        }

        string[] quiet =
        [
            "Created the initial admin API key (shown once; also in DATA_DIR/initial-admin-key):",
            "KEY",
            "AFT is listening on https://127.0.0.1:PORT (data dir DATA_DIR)",
            "AFT stopped.",
        ];
        Assert.Equal(quiet, Normalized(await service.StopAsync(), dataDir, port, key));
        Assert.Equal(quiet, Normalized(installedOutput, otherDataDir, otherPort, (await File.ReadAllTextAsync(Path.Combine(otherDataDir, "initial-admin-key"))).Trim()));
    }

    /// <summary>The blocks as one bash script: stop at the first failure, curl fails on HTTP errors, each block announced with its line.</summary>
    private static string Script(IEnumerable<ReadmeBlock> blocks, string port)
    {
        var script = new StringBuilder("""
            set -euo pipefail
            curl() { command curl --fail-with-body "$@"; }

            """);
        foreach (var block in blocks)
        {
            script.Append(CultureInfo.InvariantCulture, $"printf '\\n>>> README.md line {block.Line}\\n'\n");
            script.Append(block.Text.Replace(DefaultPort, port, StringComparison.Ordinal)).Append('\n');
        }

        return script.ToString();
    }

    /// <summary>
    /// A fresh home for AFT's data dir and the README's files; the machine's .NET SDK state and NuGet package cache
    /// stay where they are (a fresh machine downloads the packages once, as the README says).
    /// </summary>
    private static Dictionary<string, string?> FreshHome(string home, string port)
    {
        var userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = userHome,
            ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(userHome, ".nuget", "packages"),
            ["XDG_DATA_HOME"] = null,
            ["AFT_DATA_DIR"] = null,
            ["AFT_API_KEY"] = null,
            ["CURL_CA_BUNDLE"] = null,
            ["Aft__Server__Port"] = port,
            ["AFT_HOST"] = $"127.0.0.1:{port}",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            // No build servers or MSBuild nodes outlive the check.
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1",
            ["UseSharedCompilation"] = "false",
        };
    }

    /// <summary>The working tree's files as a clone with its local changes would have them: tracked and new, none ignored.</summary>
    /// <returns>The copy, and the files in it (relative paths).</returns>
    private static async Task<(string Copy, HashSet<string> Files)> CopyWorkingTreeAsync(string destination)
    {
        var git = await RunAsync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], AftBuild.RepositoryRoot, new Dictionary<string, string?>(), TimeSpan.FromMinutes(1));
        Assert.True(git.ExitCode == 0, git.ToString());
        var files = git.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(file => File.Exists(Path.Combine(AftBuild.RepositoryRoot, file))).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var target = Path.Combine(destination, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(AftBuild.RepositoryRoot, file), target);
        }

        return (destination, files);
    }

    /// <summary>A service's console lines with this run's data dir, port and key in general words.</summary>
    private static string[] Normalized(string output, string dataDir, string port, string key) =>
    [
        .. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Replace(key, "KEY", StringComparison.Ordinal).Replace(dataDir, "DATA_DIR", StringComparison.Ordinal).Replace(port, "PORT", StringComparison.Ordinal)),
    ];

    private static Task<AftResult> RunAsync(string program, string[] args, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout) =>
        AftCli.CompleteAsync(Process.Start(ChildProcess.Info(program, args, environment, workingDirectory))!, stdin: null, timeout);

    public void Dispose() => _root.Dispose();
}
