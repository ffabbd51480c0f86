using Aft.Cli.Tests.Infrastructure;

namespace Aft.Cli.Tests;

/// <summary>The classes that share one running service (its settings stay at their defaults).</summary>
[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<ScriptedServiceFixture>
{
    public const string Name = "service";
}

/// <summary>A service with the scripts the start/admin tests use.</summary>
public sealed class ScriptedServiceFixture : ServiceFixture
{
    public string BackupScriptId { get; private set; } = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        BackupScriptId = await AddScriptAsync("My Backup Job", """
            Log("character=" + Param("character"));
            if (Params("job_id")) { Log("job_id=" + Params("job_id")); }
            """);
        await AddScriptAsync("failing", """Log("about to fail"); Exit(1);""");
        await AddScriptAsync("waiting", """Log("waiting"); WaitForHaltSignal(); Log("halted");""");
    }

    private async Task<string> AddScriptAsync(string name, string code)
    {
        var file = System.IO.Path.Combine(Root, name.Replace(' ', '-') + ".syncjs");
        await File.WriteAllTextAsync(file, code);
        var added = await AdminAsync("scripts", "add", "-n", name, "-f", file);
        Assertions.Succeeded(added);
        return added.Stdout.Trim();
    }
}
