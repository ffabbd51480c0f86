using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Api.Tests.Audit;

[Collection(AftNodeCollection.Name)]
public sealed class AuditApiTests(AftNodeFixture node)
{
    [Fact]
    public async Task Script_changes_are_recorded_with_who_from_where_and_before_and_after()
    {
        using var admin = node.AdminClient();
        var id = await node.CreateScriptAsync("Log('v1');");
        Assert.True((await admin.PutAsJsonAsync($"/v1/scripts/{id}", new { code = "Log('v2');" })).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/scripts/{id}")).StatusCode);

        var entries = await EntriesAsync($"targetKind=script&targetId={id}");

        Assert.Equal(["script.deleted", "script.updated", "script.created"], entries.Select(Action));
        var updated = entries[1];
        Assert.Equal("Log('v1');", updated.GetProperty("before").GetProperty("code").GetString());
        Assert.Equal("Log('v2');", updated.GetProperty("after").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, entries[2].GetProperty("before").ValueKind);
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("after").ValueKind);
        var actor = updated.GetProperty("actor");
        Assert.Equal("apiKey", actor.GetProperty("kind").GetString());
        Assert.Equal(await AdminKeyIdAsync(), actor.GetProperty("id").GetString());
        Assert.Equal("127.0.0.1", actor.GetProperty("address").GetString());
    }

    [Fact]
    public async Task A_secret_change_is_recorded_by_name_and_never_with_its_value()
    {
        using var admin = node.AdminClient();
        var name = "audit-secret-" + Guid.NewGuid().ToString("N")[..8];
        const string value = "s3cr3t-value-never-shown";
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/v1/secrets/{name}", new { value })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/secrets/{name}")).StatusCode);

        var raw = await admin.GetStringAsync($"/v1/audit?targetKind=secret&targetId={name}");

        Assert.DoesNotContain(value, raw);
        Assert.Equal(["secret.deleted", "secret.set"], Items(raw).Select(Action));
    }

    [Fact]
    public async Task Api_keys_vfs_and_settings_changes_are_recorded_without_the_key_in_clear()
    {
        using var admin = node.AdminClient();
        var created = await (await admin.PostAsJsonAsync("/v1/apikeys", new { name = "audited", scopes = new[] { "jobs:read" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var keyId = created.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/apikeys/{keyId}")).StatusCode);

        var vfsName = "audit-vfs-" + Guid.NewGuid().ToString("N")[..8];
        var root = Directory.CreateTempSubdirectory("aft-audit-vfs-").FullName;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/vfs", new { name = vfsName, type = "disk", target = root })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/vfs/{vfsName}", new { type = "disk", target = Path.Combine(root, "sub") })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/vfs/{vfsName}")).StatusCode);

        var settings = await admin.GetFromJsonAsync<JsonElement>("/v1/settings");
        var allowCliRun = settings.GetProperty("allowCliRun").GetBoolean();
        Assert.True((await admin.PutAsJsonAsync("/v1/settings", new { allowCliRun = !allowCliRun })).IsSuccessStatusCode);
        Assert.True((await admin.PutAsJsonAsync("/v1/settings", new { allowCliRun })).IsSuccessStatusCode);

        var keyRaw = await admin.GetStringAsync($"/v1/audit?targetKind=apiKey&targetId={keyId}");
        Assert.Equal(["apiKey.revoked", "apiKey.created"], Items(keyRaw).Select(Action));
        Assert.DoesNotContain(created.GetProperty("key").GetString()!, keyRaw);
        Assert.Equal("audited", Items(keyRaw)[1].GetProperty("after").GetProperty("name").GetString());

        var vfs = await EntriesAsync($"targetKind=vfs&targetId={vfsName}");
        Assert.Equal(["vfs.deleted", "vfs.updated", "vfs.created"], vfs.Select(Action));
        Assert.Equal(root, vfs[1].GetProperty("before").GetProperty("target").GetString());
        Assert.Equal(Path.Combine(root, "sub"), vfs[1].GetProperty("after").GetProperty("target").GetString());

        var settingsChange = (await EntriesAsync("action=settings.updated&limit=2"))[1];
        Assert.Equal(allowCliRun, settingsChange.GetProperty("before").GetProperty("allowCliRun").GetBoolean());
        Assert.Equal(!allowCliRun, settingsChange.GetProperty("after").GetProperty("allowCliRun").GetBoolean());
    }

    [Fact]
    public async Task Webhook_changes_and_api_key_limits_are_recorded_without_secrets()
    {
        using var admin = node.AdminClient();
        var created = await (await admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://127.0.0.1:9/hook", events = new[] { "job.failed" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var webhookId = created.GetProperty("id").GetString()!;
        var rotated = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/webhooks/{webhookId}", new { events = new[] { "job.failed", "job.succeeded" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/webhooks/{webhookId}", new { secret = rotated })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/webhooks/{webhookId}")).StatusCode);
        var key = await (await admin.PostAsJsonAsync("/v1/apikeys", new { name = "limited", scopes = new[] { "jobs:read" } })).Content.ReadFromJsonAsync<JsonElement>();
        var keyId = key.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/v1/apikeys/{keyId}", new { readsPerSecond = 5 })).StatusCode);

        var webhookRaw = await admin.GetStringAsync($"/v1/audit?targetKind=webhook&targetId={webhookId}");
        var webhook = Items(webhookRaw);
        Assert.Equal(["webhook.deleted", "webhook.secretReplaced", "webhook.updated", "webhook.created"], webhook.Select(Action));
        Assert.Equal(2, webhook[2].GetProperty("after").GetProperty("events").GetArrayLength());
        Assert.DoesNotContain(created.GetProperty("secret").GetString()!, webhookRaw);
        Assert.DoesNotContain(rotated, webhookRaw);
        var limits = (await EntriesAsync($"action=apiKey.updated&targetId={keyId}")).Single();
        Assert.Equal(JsonValueKind.Null, limits.GetProperty("before").GetProperty("readsPerSecond").ValueKind);
        Assert.Equal(5, limits.GetProperty("after").GetProperty("readsPerSecond").GetInt32());
    }

    [Fact]
    public async Task Schedule_changes_are_recorded_with_their_definition_before_and_after()
    {
        using var admin = node.AdminClient();
        var scriptName = "audit-scheduled-" + Guid.NewGuid().ToString("N")[..8];
        await node.CreateScriptAsync("Log('tick');", name: scriptName);
        var created = await (await admin.PostAsJsonAsync("/v1/schedules", new { name = scriptName, scriptName, cron = "0 3 * * *" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var scheduleId = created.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/v1/schedules/{scheduleId}", new { cron = "0 4 * * *" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/v1/schedules/{scheduleId}/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/v1/schedules/{scheduleId}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/schedules/{scheduleId}")).StatusCode);

        var entries = await EntriesAsync($"targetKind=schedule&targetId={scheduleId}");

        Assert.Equal(["schedule.deleted", "schedule.resumed", "schedule.paused", "schedule.updated", "schedule.created"], entries.Select(Action));
        Assert.Equal("0 3 * * *", entries[3].GetProperty("before").GetProperty("cron").GetString());
        Assert.Equal("0 4 * * *", entries[3].GetProperty("after").GetProperty("cron").GetString());
        Assert.False(entries[2].GetProperty("after").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Job_submissions_and_cancels_are_recorded()
    {
        var scriptId = await node.CreateScriptAsync("WaitForHaltSignal();");
        var jobId = await node.SubmitAsync(scriptId, new { note = "params stay with the job" });
        using var admin = node.AdminClient();
        Assert.True((await admin.PostAsync($"/v1/jobs/{jobId}/cancel", null)).IsSuccessStatusCode);

        var raw = await admin.GetStringAsync($"/v1/audit?targetKind=job&targetId={jobId}");

        var entries = Items(raw);
        Assert.Equal(["job.cancelled", "job.submitted"], entries.Select(Action));
        Assert.Equal(scriptId, entries[1].GetProperty("after").GetProperty("scriptId").GetString());
        Assert.DoesNotContain("params stay with the job", raw);
    }

    [Fact]
    public async Task The_trail_pages_with_a_cursor()
    {
        using var admin = node.AdminClient();
        var name = "audit-paging-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/v1/secrets/{name}", new { value = $"v{i}" })).StatusCode);
        }

        var first = await admin.GetFromJsonAsync<JsonElement>($"/v1/audit?targetId={name}&limit=2");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await admin.GetFromJsonAsync<JsonElement>($"/v1/audit?targetId={name}&limit=2&cursor={cursor}");

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.True(second.GetProperty("items")[0].GetProperty("id").GetInt64() < first.GetProperty("items")[1].GetProperty("id").GetInt64());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("cursor=abc", "cursor")]
    public async Task Bad_query_values_are_refused_naming_the_field(string query, string field)
    {
        using var admin = node.AdminClient();

        var response = await admin.GetAsync($"/v1/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Only_admin_keys_read_the_trail()
    {
        using var admin = node.AdminClient();
        var created = await (await admin.PostAsJsonAsync("/v1/apikeys", new { name = "runner", scopes = new[] { "jobs:run", "jobs:read" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var runner = node.Client(created.GetProperty("key").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await runner.GetAsync("/v1/audit")).StatusCode);
    }

    private async Task<List<JsonElement>> EntriesAsync(string query)
    {
        using var admin = node.AdminClient();
        return Items(await admin.GetStringAsync($"/v1/audit?{query}"));
    }

    private async Task<string> AdminKeyIdAsync()
    {
        using var admin = node.AdminClient();
        var keys = await admin.GetFromJsonAsync<JsonElement>("/v1/apikeys");
        return keys.EnumerateArray().Single(key => node.AdminKey.StartsWith(key.GetProperty("prefix").GetString()!, StringComparison.Ordinal)).GetProperty("id").GetString()!;
    }

    private static List<JsonElement> Items(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().Select(item => item.Clone())];

    private static string? Action(JsonElement entry) => entry.GetProperty("action").GetString();
}
