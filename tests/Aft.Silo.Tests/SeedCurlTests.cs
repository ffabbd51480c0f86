using Aft.Testing;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Silo.Tests;

/// <summary>The curl call from the product's integration page, run as written against a real service.</summary>
public sealed class SeedCurlTests : NodeTest
{

    [Fact]
    public async Task The_seed_curl_command_queues_a_job()
    {
        using var aft = await AftProcess.StartAsync(Store, DataDir, LoopbackPorts.Free(), LoopbackPorts.Free());
        using var client = aft.Client();
        var created = await client.PostAsJsonAsync("/v1/scripts", new { name = "claim", code = "Log(Params('job_id'));" });
        var scriptId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var apiKey = aft.AdminKey;

        // The seed's arguments, with this test's key, script and port in place of the placeholders.
        var curl = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "-s", "-X", "POST", $"https://127.0.0.1:{aft.Port}/v1/jobs",
            "-H", $"X-API-Key: {apiKey}",
            "-H", "Content-Type: application/json",
            "-d", "{\"scriptId\":\"" + scriptId + "\",\"params\":[{\"name\":\"job_id\",\"value\":\"abc-123\"}]}",
        })
        {
            curl.ArgumentList.Add(argument);
        }

        // Trusting the service's certificate the documented way, so no -k is needed.
        curl.Environment["CURL_CA_BUNDLE"] = Path.Combine(DataDir, "tls", "aft.crt");
        using var process = Process.Start(curl)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        var jobId = JsonDocument.Parse(output).RootElement.GetProperty("jobId").GetString();
        var job = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}?wait=30s");
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var log = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}/log");
        Assert.Equal("abc-123", log.GetProperty("lines")[0].GetProperty("message").GetString());
    }

}
