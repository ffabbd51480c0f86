using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aft.Testing;

namespace Aft.Api.Tests.Webhooks;

/// <summary>
/// Webhooks against a receiver written here: it checks each signature with its own HMAC. Every webhook filters on a
/// script of its test (or the test picks its jobs by id), since the node is shared.
/// </summary>
[Collection(AftNodeCollection.Name)]
public sealed class WebhooksTests(AftNodeFixture node) : IAsyncLifetime
{
    private static readonly string[] AllEvents = ["job.started", "job.retrying", "job.succeeded", "job.failed", "job.cancelled", "job.timed_out"];

    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Every_event_arrives_signed_with_the_job_as_the_API_shows_it()
    {
        var ok = await node.CreateScriptAsync("Exit(0);");
        var failing = await node.CreateScriptAsync("Exit(3);", new { retry = new { maxAttempts = 2, initialBackoffSeconds = 0.05, backoffMultiplier = 1, maxBackoffSeconds = 0.05 } });
        var slow = await node.CreateScriptAsync("while (true) { Sleep(50); }", new { timeoutSeconds = 1 });
        var waiting = await node.CreateScriptAsync("WaitForHaltSignal();");
        var (webhookId, secret) = await CreateAsync(new { url = _receiver.BaseUrl + "/all", events = AllEvents });
        try
        {
            var succeeded = await node.SubmitAsync(ok);
            var failed = await node.SubmitAsync(failing);
            var timedOut = await node.SubmitAsync(slow);
            var cancelled = await node.SubmitAsync(waiting);
            await _receiver.WaitForAsync(r => r.JobId == cancelled && r.Type == "job.started");
            using var client = node.AdminClient();
            (await client.PostAsync($"/v1/jobs/{cancelled}/cancel", null)).EnsureSuccessStatusCode();

            Assert.Equal(["job.started", "job.succeeded"], await EventsOfAsync(succeeded, 2));
            Assert.Equal(["job.started", "job.retrying", "job.started", "job.failed"], await EventsOfAsync(failed, 4));
            Assert.Equal(["job.started", "job.timed_out"], await EventsOfAsync(timedOut, 2));
            Assert.Equal(["job.started", "job.cancelled"], await EventsOfAsync(cancelled, 2));
            foreach (var received in _receiver.Received.Where(r => r.Path == "all"))
            {
                Assert.True(WebhookReceiver.IsSignedWith(received, secret), $"bad signature on {received.Type}");
                Assert.Equal("application/json", received.ContentType?.Split(';')[0]);
                Assert.StartsWith("msg_", received.Id);
                Assert.InRange(long.Parse(received.Timestamp), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
                Assert.True(received.Json.TryGetProperty("timestamp", out _));
            }

            var end = _receiver.Received.Single(r => r.JobId == succeeded && r.Type == "job.succeeded").Json.GetProperty("data");
            Assert.True(JsonElement.DeepEquals(await node.WaitAsync(succeeded), end), end.ToString());
            Assert.Equal(4, _receiver.Received.Where(r => r.JobId == failed).Select(r => r.Id).Distinct().Count());
        }
        finally
        {
            await DeleteAsync(webhookId);
        }
    }

    [Fact]
    public async Task A_webhook_with_a_script_filter_hears_only_that_scripts_jobs()
    {
        var name = "hooked-" + Guid.NewGuid().ToString("N")[..8];
        var hooked = await node.CreateScriptAsync("Exit(0);", name: name);
        var other = await node.CreateScriptAsync("Exit(0);");
        var (webhookId, _) = await CreateAsync(new { url = _receiver.BaseUrl + "/filtered", events = new[] { "job.succeeded" }, scriptName = name.ToUpperInvariant() });
        try
        {
            var otherJob = await node.SubmitAsync(other);
            await node.WaitAsync(otherJob);
            var hookedJob = await node.SubmitAsync(hooked);

            var received = Assert.Single(await _receiver.WaitForAsync(r => r.Path == "filtered"));
            await Task.Delay(500);

            Assert.Equal(hookedJob, received.JobId);
            Assert.Single(_receiver.Received, r => r.Path == "filtered");
        }
        finally
        {
            await DeleteAsync(webhookId);
        }
    }

    [Fact]
    public async Task A_receiver_that_fails_first_gets_the_same_delivery_again_until_it_takes_it_and_a_replay_sends_it_once_more()
    {
        var script = await node.CreateScriptAsync("Exit(0);", name: "retried-" + Guid.NewGuid().ToString("N")[..8]);
        var scriptName = await ScriptNameAsync(script);
        var (webhookId, secret) = await CreateAsync(new { url = _receiver.BaseUrl + "/flaky", events = new[] { "job.succeeded" }, scriptName });
        _receiver.FailNext("flaky", 2);
        try
        {
            var jobId = await node.SubmitAsync(script);

            var attempts = await _receiver.WaitForAsync(r => r.Path == "flaky", count: 3);
            var delivery = await WaitForDeliveryAsync(webhookId, d => d.GetProperty("status").GetString() == "delivered");

            Assert.Single(attempts.Select(r => r.Id).Distinct());
            Assert.All(attempts, r => Assert.True(WebhookReceiver.IsSignedWith(r, secret)));
            Assert.Equal(jobId, delivery.GetProperty("jobId").GetString());
            Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
            Assert.Equal(200, delivery.GetProperty("lastStatusCode").GetInt32());
            Assert.Equal("job.succeeded", delivery.GetProperty("type").GetString());
            Assert.True(delivery.TryGetProperty("deliveredAt", out var deliveredAt) && deliveredAt.ValueKind == JsonValueKind.String);

            using var client = node.AdminClient();
            var deliveryId = delivery.GetProperty("id").GetString();
            var replay = await client.PostAsync($"/v1/webhooks/{webhookId}/deliveries/{deliveryId}/replay", null);
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
            var again = await _receiver.WaitForAsync(r => r.Path == "flaky", count: 4);
            Assert.All(again, r => Assert.Equal(deliveryId, r.Id));
            var missing = await client.PostAsync($"/v1/webhooks/{webhookId}/deliveries/msg_none/replay", null);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        finally
        {
            await DeleteAsync(webhookId);
        }
    }

    [Fact]
    public async Task A_failed_attempt_records_the_receivers_answer()
    {
        var script = await node.CreateScriptAsync("Exit(0);");
        var scriptName = await ScriptNameAsync(script);
        var (webhookId, _) = await CreateAsync(new { url = _receiver.BaseUrl + "/down", events = new[] { "job.succeeded" }, scriptName });
        _receiver.FailNext("down", 1000);
        try
        {
            await node.SubmitAsync(script);

            var delivery = await WaitForDeliveryAsync(webhookId, d => d.GetProperty("attempts").GetInt32() >= 2);

            Assert.Equal("pending", delivery.GetProperty("status").GetString());
            Assert.Equal(500, delivery.GetProperty("lastStatusCode").GetInt32());
            Assert.Contains("500", delivery.GetProperty("lastError").GetString());
            Assert.Equal(JsonValueKind.String, delivery.GetProperty("nextAttemptAt").ValueKind);
        }
        finally
        {
            await DeleteAsync(webhookId);
        }
    }

    [Fact]
    public async Task A_receiver_that_never_answers_does_not_hold_up_jobs_and_its_attempts_time_out()
    {
        var script = await node.CreateScriptAsync("Exit(0);");
        var scriptName = await ScriptNameAsync(script);
        var (webhookId, _) = await CreateAsync(new { url = _receiver.BaseUrl + "/hang", events = new[] { "job.started", "job.succeeded" }, scriptName });
        _receiver.Hang("hang");
        try
        {
            await node.WaitAsync(await node.SubmitAsync(script));
            await _receiver.WaitForAsync(r => r.Path == "hang", count: 2);
            var clock = System.Diagnostics.Stopwatch.StartNew();

            var jobs = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ => await node.WaitAsync(await node.SubmitAsync(script))));

            // The first job's deliveries hang for the node's 5 s timeout (and so do these jobs' own); the jobs end meanwhile.
            Assert.All(jobs, job => Assert.Equal("succeeded", job.GetProperty("status").GetString()));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"the jobs took {clock.Elapsed}");
            var delivery = await WaitForDeliveryAsync(webhookId, d => d.GetProperty("lastError").GetString() is { } error && error.Contains("no answer"));
            Assert.Equal("pending", delivery.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, delivery.GetProperty("lastStatusCode").ValueKind);
        }
        finally
        {
            await DeleteAsync(webhookId);
        }
    }

    [Fact]
    public async Task The_secret_is_shown_once_never_read_back_and_can_be_replaced()
    {
        var script = await node.CreateScriptAsync("Exit(0);");
        var scriptName = await ScriptNameAsync(script);
        var given = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var (webhookId, secret) = await CreateAsync(new { url = _receiver.BaseUrl + "/secret", events = new[] { "job.succeeded" }, scriptName, secret = given });
        try
        {
            using var client = node.AdminClient();
            var one = await client.GetStringAsync($"/v1/webhooks/{webhookId}");
            var all = await client.GetStringAsync("/v1/webhooks");
            var replacement = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            var update = await client.PutAsJsonAsync($"/v1/webhooks/{webhookId}", new { secret = replacement, events = new[] { "job.succeeded", "job.started" } });
            var updated = await update.Content.ReadAsStringAsync();
            await node.SubmitAsync(script);
            var received = await _receiver.WaitForAsync(r => r.Path == "secret", count: 2);

            Assert.Equal(given, secret);
            Assert.DoesNotContain(given["whsec_".Length..], one);
            Assert.DoesNotContain("\"secret\"", one);
            Assert.DoesNotContain(given["whsec_".Length..], all);
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            Assert.DoesNotContain(replacement["whsec_".Length..], updated);
            Assert.Equal(scriptName, JsonDocument.Parse(updated).RootElement.GetProperty("scriptName").GetString());
            Assert.All(received, r => Assert.True(WebhookReceiver.IsSignedWith(r, replacement)));
            Assert.Equal(["job.started", "job.succeeded"], received.OrderBy(HappenedAt).Select(r => r.Type));
        }
        finally
        {
            await DeleteAsync(webhookId);
        }
    }

    [Fact]
    public async Task A_test_delivery_reaches_the_receiver_signed_and_without_a_job()
    {
        var (webhookId, secret) = await CreateAsync(new { url = _receiver.BaseUrl + "/test", events = new[] { "job.failed" } });
        try
        {
            using var client = node.AdminClient();
            var response = await client.PostAsync($"/v1/webhooks/{webhookId}/test", null);
            var delivery = await response.Content.ReadFromJsonAsync<JsonElement>();
            var unknown = await client.PostAsync("/v1/webhooks/no-such-webhook/test", null);

            var received = Assert.Single(await _receiver.WaitForAsync(r => r.Path == "test"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(delivery.GetProperty("id").GetString(), received.Id);
            Assert.Equal(JsonValueKind.Null, delivery.GetProperty("jobId").ValueKind);
            Assert.Equal("webhook.test", received.Type);
            Assert.Equal(webhookId, received.Json.GetProperty("data").GetProperty("webhookId").GetString());
            Assert.True(WebhookReceiver.IsSignedWith(received, secret));
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        finally
        {
            await DeleteAsync(webhookId);
        }
    }

    [Fact]
    public async Task A_generated_secret_has_the_whsec_form_and_a_deleted_webhook_is_gone()
    {
        var (webhookId, secret) = await CreateAsync(new { url = "https://example.com/hook", events = new[] { "job.failed" } });
        using var client = node.AdminClient();

        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var deleted = await client.DeleteAsync($"/v1/webhooks/{webhookId}");
        var after = await client.GetAsync($"/v1/webhooks/{webhookId}");
        var deliveries = await client.GetAsync($"/v1/webhooks/{webhookId}/deliveries");

        Assert.StartsWith("whsec_", secret);
        Assert.InRange(key.Length, 24, 64);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deliveries.StatusCode);
    }

    [Theory]
    [InlineData("""{"events":["job.failed"]}""", "url")]
    [InlineData("""{"url":"ftp://example.com/x","events":["job.failed"]}""", "url")]
    [InlineData("""{"url":"/relative","events":["job.failed"]}""", "url")]
    [InlineData("""{"url":"https://example.com/x"}""", "events")]
    [InlineData("""{"url":"https://example.com/x","events":[]}""", "events")]
    [InlineData("""{"url":"https://example.com/x","events":["job.exploded"]}""", "events")]
    [InlineData("""{"url":"https://example.com/x","events":["job.failed"],"scriptName":"no-such-script-here"}""", "scriptName")]
    [InlineData("""{"url":"https://example.com/x","events":["job.failed"],"secret":"not-whsec"}""", "secret")]
    [InlineData("""{"url":"https://example.com/x","events":["job.failed"],"secret":"whsec_c2hvcnQ="}""", "secret")]
    [InlineData("""{"url":"https://example.com/x","events":["job.failed"],"evnts":[]}""", "evnts")]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        using var client = node.AdminClient();
        var before = (await client.GetFromJsonAsync<JsonElement>("/v1/webhooks")).GetArrayLength();

        var response = await client.PostAsync("/v1/webhooks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, (await client.GetFromJsonAsync<JsonElement>("/v1/webhooks")).GetArrayLength());
    }

    [Fact]
    public async Task Webhooks_are_for_admins_only()
    {
        using var anonymous = node.Client();

        var response = await anonymous.GetAsync("/v1/webhooks");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<(string Id, string Secret)> CreateAsync(object body)
    {
        using var client = node.AdminClient();
        var response = await client.PostAsJsonAsync("/v1/webhooks", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        return (json.GetProperty("id").GetString()!, json.GetProperty("secret").GetString()!);
    }

    private async Task DeleteAsync(string webhookId)
    {
        using var client = node.AdminClient();
        await client.DeleteAsync($"/v1/webhooks/{webhookId}");
    }

    private async Task<string> ScriptNameAsync(string scriptId)
    {
        using var client = node.AdminClient();
        return (await client.GetFromJsonAsync<JsonElement>($"/v1/scripts/{scriptId}")).GetProperty("name").GetString()!;
    }

    /// <summary>The job's events in the order they happened (deliveries are sent in parallel, so they may arrive in another).</summary>
    private async Task<IReadOnlyList<string>> EventsOfAsync(string jobId, int count) =>
        [.. (await _receiver.WaitForAsync(r => r.JobId == jobId, count)).OrderBy(HappenedAt).Select(r => r.Type)];

    private static DateTimeOffset HappenedAt(ReceivedWebhook received) => received.Json.GetProperty("timestamp").GetDateTimeOffset();

    private async Task<JsonElement> WaitForDeliveryAsync(string webhookId, Func<JsonElement, bool> match)
    {
        using var client = node.AdminClient();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{webhookId}/deliveries");
            if (page.GetProperty("items").EnumerateArray().FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, page.ToString());
            await Task.Delay(100);
        }
    }
}
