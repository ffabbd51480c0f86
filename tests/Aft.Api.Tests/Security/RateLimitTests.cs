using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Api.Tests.Security;

[Collection(AftNodeCollection.Name)]
public sealed class RateLimitTests(AftNodeFixture node)
{
    [Fact]
    public async Task A_burst_over_a_keys_submission_limit_gets_429s_and_stores_nothing_for_them()
    {
        var name = "limited-" + Guid.NewGuid().ToString("N")[..8];
        var scriptId = await node.CreateScriptAsync("Log('x');", name: name);
        var (_, key) = await CreateKeyAsync(new { submitsPerSecond = 1, submitBurst = 3 });
        using var limited = node.Client(key);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            responses.Add(await limited.PostAsJsonAsync("/v1/jobs", new { scriptId }));
        }

        var accepted = responses.Count(response => response.StatusCode == HttpStatusCode.Accepted);
        var refused = responses.Where(response => response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(10, accepted + refused.Count);
        Assert.InRange(accepted, 3, 5);
        foreach (var response in refused)
        {
            Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) >= 1);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(429, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        }

        // Another key (the admin key, on the configured defaults) goes on submitting meanwhile.
        using var admin = node.AdminClient();
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/v1/jobs", new { scriptId })).StatusCode);
        var stored = await admin.GetFromJsonAsync<JsonElement>($"/v1/jobs?scriptName={name}&limit=100");
        Assert.Equal(accepted + 1, stored.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_keys_read_limit_is_set_and_cleared_with_patch()
    {
        var (id, key) = await CreateKeyAsync(new { });
        using var admin = node.AdminClient();
        using var reader = node.Client(key);

        var patched = await admin.PatchAsJsonAsync($"/v1/apikeys/{id}", new { readsPerSecond = 1, readBurst = 2 });
        var shown = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(1, shown.GetProperty("readsPerSecond").GetInt32());
        Assert.Equal(2, shown.GetProperty("readBurst").GetInt32());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("submitsPerSecond").ValueKind);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await reader.GetAsync("/v1/jobs?limit=1")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);

        var cleared = await admin.PatchAsJsonAsync($"/v1/apikeys/{id}", new { readsPerSecond = (int?)null, readBurst = (int?)null });
        Assert.Equal(JsonValueKind.Null, (await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("readsPerSecond").ValueKind);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/v1/jobs?limit=1")).StatusCode);
        }

        var listed = await admin.GetFromJsonAsync<JsonElement>("/v1/apikeys");
        Assert.Contains(listed.EnumerateArray(), item => item.GetProperty("id").GetString() == id && item.TryGetProperty("readBurst", out _));
    }

    [Theory]
    [InlineData("""{"name":"k","scopes":["jobs:run"],"submitsPerSecond":0}""", "submitsPerSecond")]
    [InlineData("""{"name":"k","scopes":["jobs:run"],"submitBurst":"many"}""", "submitBurst")]
    [InlineData("""{"name":"k","scopes":["jobs:run"],"readsPerSecond":1.5}""", "readsPerSecond")]
    [InlineData("""{"name":"k","scopes":["jobs:run"],"readBurst":1000001}""", "readBurst")]
    public async Task Bad_limits_are_refused_naming_the_field(string body, string field)
    {
        using var admin = node.AdminClient();
        var response = await admin.PostAsync("/v1/apikeys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_patch_needs_a_limit_and_a_key_that_exists()
    {
        var (id, _) = await CreateKeyAsync(new { });
        using var admin = node.AdminClient();

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PatchAsJsonAsync($"/v1/apikeys/{id}", new { name = "renamed" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PatchAsJsonAsync($"/v1/apikeys/{id}", new { submitBurst = -1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PatchAsJsonAsync("/v1/apikeys/nokey", new { submitBurst = 5 })).StatusCode);
    }

    private async Task<(string Id, string Key)> CreateKeyAsync(object limits)
    {
        using var admin = node.AdminClient();
        var body = JsonSerializer.SerializeToNode(limits)!.AsObject();
        body["name"] = "rate-" + Guid.NewGuid().ToString("N")[..8];
        body["scopes"] = new System.Text.Json.Nodes.JsonArray("jobs:run", "jobs:read");
        var response = await admin.PostAsJsonAsync("/v1/apikeys", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (json.GetProperty("id").GetString()!, json.GetProperty("key").GetString()!);
    }
}
