using System.Text.Json;
using Aft.Cli.Tests.Infrastructure;

namespace Aft.Cli.Tests;

/// <summary><c>aft run</c> while a service holds the data dir: refused until allowed, then delegated over the local socket.</summary>
public sealed class RunTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string TransferScript = """
        Log("destination=" + Param("destination"));
        Log(GetSecret("orch-api-token") === "t0ken" ? "secret ok" : "secret missing");
        """;

    [Fact]
    public async Task Run_is_refused_until_allowed_then_runs_inside_the_service_as_a_cli_job()
    {
        var file = Path.Combine(service.Root, "my-transfer.syncjs");
        await File.WriteAllTextAsync(file, TransferScript);
        Assertions.FailsWithOneLine(await service.ShellAsync($"aft run -f \"{file}\""), 4, "allow-cli-run");

        Assertions.Succeeded(await service.AdminAsync("settings", "set", "allow-cli-run", "true"));
        Assertions.Succeeded(await AftCli.RunAsync(["secrets", "set", "orch-api-token", "--host", service.Host, "-a", service.AdminKey], service.Environment, stdin: "t0ken"));

        var run = await service.ShellAsync($"aft run -f \"{file}\" -p '{{\"destination\":\"/archive/2026\"}}'");
        Assertions.Succeeded(run);
        Assert.Contains("INFO  destination=/archive/2026", run.Stdout);
        Assert.Contains("secret ok", run.Stdout);

        var jobs = Assertions.Json(await service.AdminAsync("jobs", "--json"));
        var job = jobs.GetProperty("items").EnumerateArray().First(j => j.GetProperty("filePath").GetString() == file);
        Assert.Equal("cli", job.GetProperty("source").GetString());
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Contains("destination=/archive/2026", (await service.AdminAsync("logs", job.GetProperty("jobId").GetString()!)).Stdout);

        var failing = Path.Combine(service.Root, "failing.syncjs");
        await File.WriteAllTextAsync(failing, "Log('trying'); throw new Error('boom');");
        var failed = await service.RunAsync("run", "-f", failing);
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("boom", failed.Stdout + failed.Stderr);
        Assertions.FailsWithOneLine(await service.RunAsync("run", "-f", failing, "-p", "not json"), 3, "--params");
        Assertions.FailsWithOneLine(await service.RunAsync("run", "-f", Path.Combine(service.Root, "missing.syncjs")), 3, "no script file");
    }

    [Fact]
    public async Task The_local_channel_is_an_owner_only_socket_and_absent_on_tcp()
    {
        var socket = Path.Combine(service.DataDir, "aft.sock");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));
        }

        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var http = new HttpClient(handler);
        using var body = new StringContent(JsonSerializer.Serialize(new { code = "Log(1)", filePath = "/x" }), System.Text.Encoding.UTF8, "application/json");
        var response = await http.PostAsync($"https://{service.Host}/local/v1/run", body);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
