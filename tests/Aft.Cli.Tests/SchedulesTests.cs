using Aft.Cli.Tests.Infrastructure;

namespace Aft.Cli.Tests;

/// <summary><c>aft schedules</c> against the running service with an admin key.</summary>
[Collection(ServiceCollection.Name)]
public sealed class SchedulesTests(ScriptedServiceFixture service)
{
    [Fact]
    public async Task Schedules_add_show_update_pause_resume_list_and_remove()
    {
        var added = Assertions.Json(await service.AdminAsync("schedules", "add", "cli-nightly", "--script", "My Backup Job", "--cron", "30 2 * * *",
            "--tz", "Europe/Berlin", "--params", """{"dir":"in"}""", "--json"));
        var id = added.GetProperty("id").GetString()!;
        var shown = (await service.AdminAsync("schedules", "show", "cli-nightly")).Stdout;
        var updated = Assertions.Json(await service.AdminAsync("schedules", "update", id, "--cron", "0 3 * * 1-5", "--overlap", "queue", "--catch-up", "one", "--json"));
        var paused = Assertions.Json(await service.AdminAsync("schedules", "pause", "cli-nightly", "--json"));
        var resumed = Assertions.Json(await service.AdminAsync("schedules", "resume", "cli-nightly", "--json"));
        var list = await service.AdminAsync("schedules", "list");

        Assert.Equal("My Backup Job", added.GetProperty("scriptName").GetString());
        Assert.Equal("in", added.GetProperty("params").GetProperty("dir").GetString());
        Assert.Contains("30 2 * * * (Europe/Berlin)", shown);
        Assert.Equal(("0 3 * * 1-5", "queue", "one"), (updated.GetProperty("cron").GetString(), updated.GetProperty("overlap").GetString(), updated.GetProperty("catchUp").GetString()));
        Assert.Equal("in", updated.GetProperty("params").GetProperty("dir").GetString());
        Assert.False(paused.GetProperty("enabled").GetBoolean());
        Assert.True(resumed.GetProperty("enabled").GetBoolean());
        Assert.Contains("cli-nightly", list.Stdout);
        Assertions.Succeeded(await service.AdminAsync("schedules", "rm", "cli-nightly"));
        Assertions.FailsWithOneLine(await service.AdminAsync("schedules", "show", id), 4, "no schedule");
    }

    [Fact]
    public async Task Bad_schedules_are_refused_on_stderr_with_the_field_and_exit_code_3()
    {
        Assertions.FailsWithOneLine(await service.AdminAsync("schedules", "add", "cli-bad", "--script", "My Backup Job", "--cron", "99 * * * *"), 3, "is not a cron expression");
        Assertions.FailsWithOneLine(await service.AdminAsync("schedules", "add", "cli-bad", "--script", "My Backup Job", "--cron", "* * * * *", "--tz", "Nowhere/Town"), 3, "not a known time zone");
        Assertions.FailsWithOneLine(await service.AdminAsync("schedules", "add", "cli-bad", "--script", "No Such Script", "--cron", "* * * * *"), 3, "no script with scriptName");
        Assertions.FailsWithOneLine(await service.AdminAsync("schedules", "add", "cli-bad", "--script", "My Backup Job", "--cron", "* * * * *", "--overlap", "maybe"), 3, "maybe");
        Assertions.FailsWithOneLine(await service.AdminAsync("schedules", "update", "cli-bad"), 3, "nothing to change");
        Assertions.FailsWithOneLine(await service.RunAsync("schedules", "list"), 3, "API key");
    }
}
