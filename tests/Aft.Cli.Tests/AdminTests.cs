using Aft.Testing;
using System.Text.Json;
using Aft.Cli.Tests.Infrastructure;

namespace Aft.Cli.Tests;

/// <summary>Administration through the running service's REST API with an admin key.</summary>
[Collection(ServiceCollection.Name)]
public sealed class AdminTests(ScriptedServiceFixture service)
{
    [Fact]
    public async Task Scripts_add_show_update_list_and_remove()
    {
        var v1 = service.Root + "/admin-v1.syncjs";
        var v2 = service.Root + "/admin-v2.syncjs";
        await File.WriteAllTextAsync(v1, "Log('one');");
        await File.WriteAllTextAsync(v2, "Log('two');");

        var id = (await service.AdminAsync("scripts", "add", "-n", "Admin Script", "-f", v1)).Stdout.Trim();
        Assert.Contains("Log('one');", (await service.AdminAsync("scripts", "show", "admin script")).Stdout);
        Assert.Equal("2", (await service.AdminAsync("scripts", "update", id, "-f", v2)).Stdout.Trim());
        var shown = Assertions.Json(await service.AdminAsync("scripts", "show", id, "--json"));
        Assert.Equal("Log('two');", shown.GetProperty("code").GetString());
        Assert.Contains(Assertions.Json(await service.AdminAsync("scripts", "list", "--json")).EnumerateArray(), s => s.GetProperty("id").GetString() == id);
        Assertions.Succeeded(await service.AdminAsync("scripts", "rm", "Admin Script"));
        Assertions.FailsWithOneLine(await service.AdminAsync("scripts", "show", id), 4, "no script with id or name");

        var broken = service.Root + "/broken.syncjs";
        await File.WriteAllTextAsync(broken, "Log(");
        Assertions.FailsWithOneLine(await service.AdminAsync("scripts", "add", "-n", "Broken", "-f", broken), 4, "syntax error");
    }

    [Fact]
    public async Task Secrets_go_in_from_stdin_and_never_come_out()
    {
        var set = await AftCli.RunAsync(["secrets", "set", "admin-test-secret", "--host", service.Host, "-a", service.AdminKey], service.Environment, stdin: "s3cr3t-value\n");
        Assertions.Succeeded(set);
        var list = await service.AdminAsync("secrets", "list", "--json");
        Assert.Contains("admin-test-secret", list.Stdout);
        Assert.DoesNotContain("s3cr3t-value", list.Stdout + set.Stdout + set.Stderr);
        Assertions.Succeeded(await service.AdminAsync("secrets", "rm", "admin-test-secret"));
        Assert.DoesNotContain("admin-test-secret", (await service.AdminAsync("secrets", "list")).Stdout);
    }

    [Fact]
    public async Task Api_keys_are_shown_once_work_and_stop_working_when_revoked()
    {
        var created = Assertions.Json(await service.AdminAsync("apikeys", "create", "--name", "ci", "--scope", "jobs:read", "--allow", "127.0.0.1", "--json"));
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetString()!;

        Assertions.Succeeded(await service.RunAsync("jobs", "--host", service.Host, "-a", key));
        Assertions.FailsWithOneLine(await service.RunAsync("start", "-n", "My Backup Job", "--host", service.Host, "-a", key), 4, "jobs:run");
        var list = await service.AdminAsync("apikeys", "list");
        Assert.Contains(id, list.Stdout);
        Assert.DoesNotContain(key, list.Stdout);

        Assertions.Succeeded(await service.AdminAsync("apikeys", "revoke", id));
        Assertions.FailsWithOneLine(await service.RunAsync("jobs", "--host", service.Host, "-a", key), 4, "refused the API key");
    }

    [Fact]
    public async Task Api_key_rate_limits_are_set_on_create_changed_kept_and_reset()
    {
        var created = Assertions.Json(await service.AdminAsync("apikeys", "create", "--name", "limited", "--scope", "jobs:run", "--submits-per-second", "5", "--json"));
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(5, created.GetProperty("submitsPerSecond").GetInt32());

        var changed = Assertions.Json(await service.AdminAsync("apikeys", "limits", id, "--read-burst", "7", "--json"));
        Assert.Equal(5, changed.GetProperty("submitsPerSecond").GetInt32());
        Assert.Equal(7, changed.GetProperty("readBurst").GetInt32());

        var reset = Assertions.Json(await service.AdminAsync("apikeys", "limits", id, "--reset", "--reads-per-second", "9", "--json"));
        Assert.Equal(JsonValueKind.Null, reset.GetProperty("submitsPerSecond").ValueKind);
        Assert.Equal(9, reset.GetProperty("readsPerSecond").GetInt32());

        Assertions.FailsWithOneLine(await service.AdminAsync("apikeys", "limits", id, "--submit-burst", "0"), 3, "--submit-burst");
        Assertions.FailsWithOneLine(await service.AdminAsync("apikeys", "limits", "nokey", "--submit-burst", "2"), 4, "nokey");
    }

    [Fact]
    public async Task Settings_get_and_require_an_admin_key()
    {
        var settings = Assertions.Json(await service.AdminAsync("settings", "get", "--json"));
        Assert.False(settings.GetProperty("allowFilePathJobs").GetBoolean());
        Assert.Contains("allow-cli-run:", (await service.AdminAsync("settings", "get")).Stdout);
        Assertions.FailsWithOneLine(await service.RunAsync("settings", "get"), 3, "admin API key");
        Assertions.FailsWithOneLine(await service.AdminAsync("settings", "set", "allow-everything", "true"), 3, "allow-everything");
    }
}
