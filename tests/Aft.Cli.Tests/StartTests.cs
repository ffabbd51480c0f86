using Aft.Testing;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aft.Cli.Tests.Infrastructure;

namespace Aft.Cli.Tests;

/// <summary><c>aft start</c> and the job commands against a real service over HTTPS.</summary>
[Collection(ServiceCollection.Name)]
public sealed class StartTests(ScriptedServiceFixture service)
{
    [Fact]
    public async Task Seed_start_by_name_prints_the_job_id_and_returns_at_once()
    {
        var result = await service.ShellAsync($"aft start -n \"My Backup Job\" -a {service.AdminKey} --host 127.0.0.1:{service.Port}");

        var id = Assertions.JobId(result);
        Assert.Equal(string.Empty, result.Stderr);
        Assertions.Succeeded(await service.AdminAsync("status", id, "--wait"));
    }

    [Fact]
    public async Task Seed_start_with_object_params_and_host_reaches_the_script()
    {
        var result = await service.ShellAsync($"""
            aft start \
            -n "My Backup Job" \
            -a "{service.AdminKey}" \
            --params '{"{"}"character":"goofy"{"}"}' \
            --host "127.0.0.1:{service.Port}"
            """);

        var logs = await service.AdminAsync("logs", Assertions.JobId(result), "--follow");
        Assertions.Succeeded(logs);
        Assert.Contains("INFO  character=goofy", logs.Stdout);
    }

    [Fact]
    public async Task Seed_start_by_script_id_with_name_value_params()
    {
        var result = await service.ShellAsync(
            $"aft start --scriptid {service.BackupScriptId} --apikey {service.AdminKey} --params '[{{\"name\":\"job_id\",\"value\":\"abc-123\"}}]' --host 127.0.0.1:{service.Port}");

        var id = Assertions.JobId(result);
        var status = Assertions.Json(await service.AdminAsync("status", id, "--wait", "--json"));
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal("abc-123", status.GetProperty("params").GetProperty("job_id").GetString());
        Assert.Contains("job_id=abc-123", (await service.AdminAsync("logs", id)).Stdout);
    }

    [Fact]
    public async Task AFT_HOST_names_the_service_unless_host_is_given()
    {
        Dictionary<string, string?> At(string host) => new(service.Environment) { ["AFT_HOST"] = host };
        string[] start = ["start", "-n", "My Backup Job", "-a", service.AdminKey];

        Assertions.JobId(await AftCli.RunAsync(start, At(service.Host)));
        Assertions.FailsWithOneLine(await AftCli.RunAsync(start, At("127.0.0.1:1")), 4, "cannot reach the AFT service at https://127.0.0.1:1");
        Assertions.JobId(await AftCli.RunAsync([.. start, "--host", service.Host], At("127.0.0.1:1")));
    }

    [Fact]
    public async Task Wait_follows_the_log_on_stderr_and_exits_with_the_job_outcome()
    {
        var succeeded = await service.AdminAsync("start", "-n", "my backup job", "-p", "{\"character\":\"pluto\"}", "--wait");
        Assertions.JobId(succeeded);
        Assert.Contains("character=pluto", succeeded.Stderr);

        var failed = await service.AdminAsync("start", "-n", "failing", "--wait");
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("about to fail", failed.Stderr);
        Assert.Contains("failed", failed.Stderr);

        using var waiting = AftCli.Start(["start", "-n", "waiting", "--wait", "--host", service.Host, "-a", service.AdminKey], service.Environment);
        var id = (await waiting.StandardOutput.ReadLineAsync())!.Trim();
        await WaitUntilRunningAsync(id);
        Assertions.Succeeded(await service.AdminAsync("cancel", id));
        var cancelled = await AftCli.CompleteAsync(waiting, stdin: null);
        Assert.True(cancelled.ExitCode == 2, cancelled.ToString());
        Assert.Contains("halted", cancelled.Stderr);
        Assert.Equal(2, (await service.AdminAsync("status", id, "--wait")).ExitCode);
    }

    [Fact]
    public async Task Jobs_lists_and_status_shows_a_job()
    {
        var id = Assertions.JobId(await service.AdminAsync("start", "-n", "My Backup Job"));
        await service.AdminAsync("status", id, "--wait");

        var list = Assertions.Json(await service.AdminAsync("jobs", "--status", "succeeded", "--limit", "100", "--json"));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), job => job.GetProperty("jobId").GetString() == id);
        var table = await service.AdminAsync("jobs");
        Assert.Contains(id, table.Stdout);
        Assert.StartsWith("JOB", table.Stdout);
        var status = await service.AdminAsync("status", id);
        Assert.Contains("succeeded", status.Stdout);
        Assert.Contains("My Backup Job (v1)", status.Stdout);
    }

    [Fact]
    public async Task Bad_input_gets_one_clear_line_and_a_non_zero_exit()
    {
        var host = service.Host;
        Assertions.FailsWithOneLine(await service.RunAsync("start", "-n", "My Backup Job", "-a", "not-a-key", "--host", host), 4, "refused the API key");
        Assertions.FailsWithOneLine(await service.AdminAsync("start", "-n", "No Such Script"), 4, "no script with scriptName 'No Such Script'");
        Assertions.FailsWithOneLine(await service.AdminAsync("start", "-n", "My Backup Job", "--params", "{character:goofy}"), 3, "--params is not valid JSON");
        Assertions.FailsWithOneLine(await service.AdminAsync("start", "-n", "My Backup Job", "--params", "[1]"), 3, "--params");
        Assertions.FailsWithOneLine(await service.AdminAsync("start", "-n", "My Backup Job", "--params", """[{"name":"job_id","valu":"abc"}]"""), 3, "'--params[0]' has a field 'valu'");
        Assertions.FailsWithOneLine(await service.AdminAsync("start", "-n", "My Backup Job", "--params", """[{"name":"job_id"}]"""), 3, "has no 'value'");
        Assertions.FailsWithOneLine(await service.AdminAsync("start", "-n", "My Backup Job", "-p", """{"job_id":"a","job_id":"b"}"""), 3, "'job_id' is given twice");
        Assertions.FailsWithOneLine(await service.AdminAsync("start", "-n", "My Backup Job", "--bogus"), 3, "'--bogus'");
        Assertions.FailsWithOneLine(await AftCli.RunAsync(["frobnicate"]), 3, "unknown command or option 'frobnicate'");
        Assertions.FailsWithOneLine(await service.RunAsync("start", "-n", "My Backup Job", "-a", "k", "--host", "127.0.0.1:1"), 4, "cannot reach the AFT service");
        Assertions.FailsWithOneLine(await service.RunAsync("start", "-n", "My Backup Job", "--host", host), 3, "needs an API key");
        Assertions.FailsWithOneLine(await service.RunAsync("start", "-a", "k", "--host", host), 3, "exactly one of");
        Assertions.FailsWithOneLine(await service.RunAsync("start", "-n", "x", "-a", "k", "--host", "no host"), 3, "--host");
        Assertions.FailsWithOneLine(await service.AdminAsync("status", "ffffffffffffffffffffffffffffffff"), 4, "no job");
    }

    [Fact]
    public async Task Tls_trusts_the_local_certificate_a_pinned_fingerprint_or_insecure_only()
    {
        using var elsewhere = new TempDirectory();
        var noLocalCertificate = new Dictionary<string, string?> { ["AFT_DATA_DIR"] = elsewhere.Path };
        string[] start = ["start", "-n", "My Backup Job", "-a", service.AdminKey, "--host", service.Host];

        var refused = await AftCli.RunAsync(start, noLocalCertificate);
        Assertions.FailsWithOneLine(refused, 4, "TLS certificate");
        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(service.DataDir, "tls", "aft.crt")));
        var fingerprint = Convert.ToHexString(SHA256.HashData(certificate.RawData));
        Assert.Contains(fingerprint, refused.Stderr);

        Assertions.JobId(await AftCli.RunAsync([.. start, "--cert-sha256", fingerprint], noLocalCertificate));
        Assertions.FailsWithOneLine(await AftCli.RunAsync([.. start, "--cert-sha256", new string('a', 64)], noLocalCertificate), 4, "TLS certificate");
        Assertions.JobId(await AftCli.RunAsync([.. start, "--insecure"], noLocalCertificate));
        Assertions.JobId(await AftCli.RunAsync(["start", "-n", "My Backup Job", "-a", service.AdminKey, "--host", $"https://localhost:{service.Port}"], service.Environment));
    }

    private async Task WaitUntilRunningAsync(string id)
    {
        for (var i = 0; i < 100; i++)
        {
            var job = Assertions.Json(await service.AdminAsync("status", id, "--json"));
            if (job.GetProperty("status").GetString() == "running")
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"job {id} did not start");
    }
}
