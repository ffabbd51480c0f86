using Aft.Testing;
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
        var refused = await service.ShellAsync($"aft run -f \"{file}\"");
        Assertions.FailsWithOneLine(refused, 4, "'aft settings set allow-cli-run true -a ADMIN_KEY'");
        Assert.Contains(Path.Combine(service.DataDir, "initial-admin-key"), refused.Stderr);

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
        Assertions.FailsWithOneLine(await service.RunAsync("run", "-f", failing, "-p", """[{"name":"a","value":1},{"name":"a","value":2}]"""), 3, "'a' is given twice");
        Assertions.FailsWithOneLine(await service.RunAsync("run", "-f", Path.Combine(service.Root, "missing.syncjs")), 3, "no script file");
    }

    [Fact]
    public async Task The_local_channel_refuses_bad_params_naming_the_item_and_the_field()
    {
        // The other test starts from the default (off); this one leaves it so.
        Assertions.Succeeded(await service.AdminAsync("settings", "set", "allow-cli-run", "true"));
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
                await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(service.DataDir, "aft.sock")), cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using var http = new HttpClient(handler);
        const string body = """{"code":"Log(1)","filePath":"/x","params":[{"name":"job_id","valu":"abc"}]}""";

        var response = await http.PostAsync("http://localhost/local/v1/run", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assertions.Succeeded(await service.AdminAsync("settings", "set", "allow-cli-run", "false"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("params[0].valu", out _), problem.ToString());
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
