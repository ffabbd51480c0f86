using Aft.Testing;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Silo.Tests;

/// <summary>Kills the service with SIGKILL while a job's webhook is still undelivered, and checks it is delivered after the restart.</summary>
public sealed class WebhookRecoveryTests : NodeTest
{
    private static readonly Dictionary<string, string> QuickRetries = new()
    {
        ["Aft__Webhooks__PollInterval"] = "00:00:00.1",
        ["Aft__Webhooks__RetryInitialDelay"] = "00:00:00.2",
        ["Aft__Webhooks__RetryMaxDelay"] = "00:00:01",
        ["Aft__Webhooks__Timeout"] = "00:00:02",
    };

    private WebhookReceiver _receiver = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    [Fact]
    public async Task A_delivery_pending_at_a_kill_is_delivered_after_the_restart()
    {
        var port = LoopbackPorts.Free();
        var siloPort = LoopbackPorts.Free();
        _receiver.FailNext("hook", int.MaxValue);
        string webhookId, secret, jobId;
        using (var first = await AftProcess.StartAsync(Store, DataDir, port, siloPort, QuickRetries))
        using (var client = first.Client())
        {
            var script = await client.PostAsJsonAsync("/v1/scripts", new { name = "hooked", code = "Log('ran');" });
            var scriptId = (await script.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            var created = await (await client.PostAsJsonAsync("/v1/webhooks", new { url = _receiver.BaseUrl + "/hook", events = new[] { "job.succeeded" } }))
                .Content.ReadFromJsonAsync<JsonElement>();
            webhookId = created.GetProperty("id").GetString()!;
            secret = created.GetProperty("secret").GetString()!;
            var submitted = await (await client.PostAsJsonAsync("/v1/jobs", new { scriptId })).Content.ReadFromJsonAsync<JsonElement>();
            jobId = submitted.GetProperty("jobId").GetString()!;
            var job = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}?wait=30s");
            Assert.Equal("succeeded", job.GetProperty("status").GetString());
            // The receiver refused it at least once: the delivery waits for its next attempt when the kill comes.
            await _receiver.WaitForAsync(r => r.Path == "hook");
            first.Kill();
        }

        _receiver.FailNext("hook", 0);
        using var second = await AftProcess.StartAsync(Store, DataDir, port, siloPort, QuickRetries);
        using var again = second.Client();

        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        JsonElement delivery;
        do
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the delivery was not delivered after the restart");
            await Task.Delay(100);
            var page = await again.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{webhookId}/deliveries");
            delivery = Assert.Single(page.GetProperty("items").EnumerateArray());
        }
        while (delivery.GetProperty("status").GetString() != "delivered");

        var received = _receiver.Received.Where(r => r.Path == "hook").ToList();
        Assert.Equal(jobId, delivery.GetProperty("jobId").GetString());
        Assert.Single(received.Select(r => r.Id).Distinct());
        Assert.All(received, r => Assert.True(WebhookReceiver.IsSignedWith(r, secret)));
        Assert.All(received, r => Assert.Equal(jobId, r.JobId));
    }

    public override async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await base.DisposeAsync();
    }
}
