using Aft.Cli.Tests.Infrastructure;

namespace Aft.Cli.Tests;

/// <summary>Transfer progress in the CLI: <c>aft status</c>, <c>aft start --wait</c> and <c>aft run</c> (plain lines when not on a terminal).</summary>
[Collection(ServiceCollection.Name)]
public sealed class ProgressTests(ScriptedServiceFixture service)
{
    /// <summary>Copies a 2 MiB local file into a new folder, then stays a moment so the follower sees its counts.</summary>
    private string CopyScript(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(service.Root, name)).FullName;
        File.WriteAllBytes(Path.Combine(folder, "data.bin"), new byte[2 * 1024 * 1024]);
        var script = Path.Combine(folder, name + ".syncjs");
        File.WriteAllText(script, $$"""
            var disk = new VirtualFS(VfsTypeDisk, {{System.Text.Json.JsonSerializer.Serialize(folder)}});
            if (!disk.CopyToVFS("/data.bin", disk, "/out").Ok()) Exit(1);
            Sleep(1500);
            """);
        return script;
    }

    [Fact]
    public async Task Start_wait_reports_progress_lines_and_status_shows_the_final_counts()
    {
        var file = CopyScript("progress-start");
        Assertions.Succeeded(await service.AdminAsync("scripts", "add", "-n", "progress-start", "-f", file));

        var started = await service.AdminAsync("start", "-n", "progress-start", "--wait");
        var status = await service.AdminAsync("status", Assertions.JobId(started));

        Assertions.Succeeded(started);
        Assert.Contains("progress: 2.0 MiB of 2.0 MiB (100%), 1 of 1 files", started.Stderr);
        Assert.Matches("progress: +2.0 MiB of 2.0 MiB \\(100%\\), 1 of 1 files", status.Stdout);
    }

    [Fact]
    public async Task A_delegated_run_reports_progress_on_stderr()
    {
        Assertions.Succeeded(await service.AdminAsync("settings", "set", "allow-cli-run", "true"));

        var run = await service.RunAsync("run", "-f", CopyScript("progress-run"));

        Assertions.Succeeded(run);
        Assert.Contains("progress: 2.0 MiB of 2.0 MiB (100%), 1 of 1 files", run.Stderr);
    }
}
