using Aft.Testing;
using Microsoft.Data.Sqlite;
using Aft.Cli.Tests.Infrastructure;

namespace Aft.Cli.Tests;

/// <summary>No service on the data dir: <c>aft run</c> runs in-process and administration works on the data dir itself.</summary>
[Trait(TestStore.Trait, TestStore.Sqlite)]
public sealed class OfflineTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public OfflineTests() => Directory.CreateDirectory(DataDir);

    private string DataDir => Path.Combine(_root.Path, "data");

    private Dictionary<string, string?> Environment => new() { ["AFT_DATA_DIR"] = DataDir };

    [Fact]
    public async Task Run_in_process_uses_the_data_dirs_settings_and_secrets()
    {
        var file = _root.Write("my-transfer.syncjs", """
            Log("destination=" + Param("destination"));
            Log.Warn(GetSecret("orch-api-token") === "t0ken" ? "secret ok" : "secret missing");
            """);
        Assertions.FailsWithOneLine(await AftCli.ShellAsync($"aft run -f \"{file}\"", Environment), 4, "'aft settings set allow-cli-run true'");
        Assertions.FailsWithOneLine(await AftCli.RunAsync(["run", "-f", file, "--data-dir", DataDir]), 4, $"'aft settings set allow-cli-run true --data-dir {DataDir}'");

        Assert.Contains("allow-cli-run:        true", (await AftCli.RunAsync(["settings", "set", "allow-cli-run", "true"], Environment)).Stdout);
        Assertions.Succeeded(await AftCli.RunAsync(["secrets", "set", "orch-api-token"], Environment, stdin: "t0ken\n"));

        var plain = await AftCli.ShellAsync($"aft run -f \"{file}\"", Environment);
        Assertions.Succeeded(plain);
        Assert.Contains("WARN  secret ok", plain.Stdout);

        var withParams = await AftCli.ShellAsync($"aft run -f \"{file}\" -p '{{\"destination\":\"/archive/2026\"}}'", Environment);
        Assertions.Succeeded(withParams);
        Assert.Contains("INFO  destination=/archive/2026", withParams.Stdout);

        Assertions.FailsWithOneLine(await AftCli.RunAsync(["run", "-f", file, "-p", """[{"name":"destination","valu":"/archive"}]"""], Environment), 3, "'--params[0]' has a field 'valu'");

        var exits = _root.Write("exits.syncjs", "Log('before'); Exit(2); Log('after');");
        var failed = await AftCli.RunAsync(["run", "-f", exits], Environment);
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("before", failed.Stdout);
        Assert.DoesNotContain("after", failed.Stdout);
        Assert.Contains("exited with code 2", failed.Stderr);
    }

    [Fact]
    public async Task Administration_works_on_the_data_dir_without_a_key()
    {
        var dataDir = Directory.CreateDirectory(Path.Combine(_root.Path, "other")).FullName;
        var file = _root.Write("offline.syncjs", "Log('offline');");

        var id = (await AftCli.RunAsync(["scripts", "add", "-n", "Offline Script", "-f", file, "--data-dir", dataDir])).Stdout.Trim();
        Assert.Contains(id, (await AftCli.RunAsync(["scripts", "list", "--data-dir", dataDir])).Stdout);
        Assertions.FailsWithOneLine(await AftCli.RunAsync(["scripts", "add", "-n", "offline script", "-f", file, "--data-dir", dataDir]), 4, "offline script");

        var created = await AftCli.RunAsync(["apikeys", "create", "--name", "ci", "--scope", "jobs:run", "--data-dir", dataDir]);
        Assertions.Succeeded(created);
        Assert.Matches("^[1-9A-HJ-NP-Za-km-z]{40,50}$", created.Stdout.Trim());
        Assertions.FailsWithOneLine(await AftCli.RunAsync(["apikeys", "create", "--name", "x", "--scope", "jobs:run", "--allow", "nonsense", "--data-dir", dataDir]), 3, "nonsense");
        var limited = await AftCli.RunAsync(["apikeys", "create", "--name", "limited", "--scope", "jobs:run", "--read-burst", "4", "--json", "--data-dir", dataDir]);
        Assertions.Succeeded(limited);
        Assert.Contains("\"readBurst\": 4", limited.Stdout);
        Assertions.FailsWithOneLine(await AftCli.RunAsync(["secrets", "set", "bad name!", "--data-dir", dataDir], stdin: "v"), 3, "secret name");
    }

    [Fact]
    public async Task Changes_on_the_data_dir_are_in_the_audit_trail_as_the_host_user_without_secret_values()
    {
        Assertions.Succeeded(await AftCli.RunAsync(["secrets", "set", "ftp-password"], Environment, stdin: "hunter2-typed\n"));
        Assertions.Succeeded(await AftCli.RunAsync(["settings", "set", "allow-cli-run", "true"], Environment));

        var entries = new List<string>();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(DataDir, "aft.db")};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT action, target_id, actor_kind, actor_name, address, before_json, after_json FROM audit ORDER BY id";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                entries.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : reader.GetString(i))));
            }
        }

        Assert.Equal(2, entries.Count);
        Assert.Equal($"secret.set|ftp-password|host|{System.Environment.UserName}|null|null|null", entries[0]);
        Assert.StartsWith($"settings.updated|null|host|{System.Environment.UserName}|null|", entries[1]);
        Assert.Contains("\"allowCliRun\":true", entries[1]);
        Assert.DoesNotContain(entries, entry => entry.Contains("hunter2-typed"));
    }

    [Fact]
    public async Task A_vfs_added_on_the_data_dir_is_in_the_library_of_an_in_process_run()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root.Path, "share")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "hello.txt"), "hello from disk");
        Assertions.Succeeded(await AftCli.RunAsync(["settings", "set", "allow-cli-run", "true"], Environment));

        Assertions.FailsWithOneLine(await AftCli.RunAsync(["vfs", "add", "-n", "share", "--type", "floppy", "--target", folder], Environment), 3, "'type'");
        var pasted = await AftCli.RunAsync(["vfs", "add", "-n", "share", "--type", "disk", "--target", folder, "--credential", "password=hunter2-pasted"], Environment);
        Assertions.FailsWithOneLine(pasted, 3, "credentials.password");
        Assert.DoesNotContain("hunter2-pasted", pasted.Stdout + pasted.Stderr);

        Assertions.Succeeded(await AftCli.RunAsync(["vfs", "add", "-n", "Share", "--type", "disk", "--target", folder], Environment));
        Assert.Contains("1 entry", (await AftCli.RunAsync(["vfs", "test", "share"], Environment)).Stdout);

        var script = _root.Write("read-share.syncjs", """
            var v = VirtualFSByName("Share");
            var r = v.ReadFileAsText("/hello.txt");
            Log(r.Ok() + " " + r.Data());
            """);
        var run = await AftCli.RunAsync(["run", "-f", script], Environment);
        Assertions.Succeeded(run);
        Assert.Contains("INFO  true hello from disk", run.Stdout);
    }

    [Fact]
    public async Task Commands_given_a_data_dir_that_does_not_exist_refuse_and_create_nothing()
    {
        var missing = Path.Combine(_root.Path, "no-such-dir");
        var file = _root.Write("offline.syncjs", "Log('offline');");

        Assertions.FailsWithOneLine(await AftCli.RunAsync(["scripts", "add", "-n", "x", "-f", file, "--data-dir", missing]), 3, $"no data dir at {missing}");
        Assertions.FailsWithOneLine(await AftCli.RunAsync(["settings", "set", "allow-cli-run", "true", "--data-dir", missing]), 3, "'aft serve --data-dir");
        Assertions.FailsWithOneLine(await AftCli.RunAsync(["secrets", "list"], new Dictionary<string, string?> { ["AFT_DATA_DIR"] = missing }), 3, "no data dir");
        Assertions.FailsWithOneLine(await AftCli.RunAsync(["run", "-f", file, "--data-dir", missing]), 3, "no data dir");
        Assert.False(Directory.Exists(missing));
    }

    public void Dispose() => _root.Dispose();
}
