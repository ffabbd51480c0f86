using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aft.Grains.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Aft.Api.Tests.Security;

[Collection(AftNodeCollection.Name)]
public sealed class ApiKeyTests(AftNodeFixture node)
{
    [Fact]
    public async Task No_key_or_an_unknown_key_is_401()
    {
        using var anonymous = node.Client();
        using var wrong = node.Client("xiM2ruBm2QZkhTSN6BPd9BqmxVEBVbrgNYVMkNQb6hfj");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/v1/jobs")).StatusCode);
    }

    [Fact]
    public async Task A_created_key_is_shown_once_stored_hashed_and_works_within_its_scopes()
    {
        var (id, key) = await CreateKeyAsync(["jobs:read"], null);
        using var reader = node.Client(key);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/v1/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/v1/jobs", new { scriptName = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/v1/scripts")).StatusCode);

        using var admin = node.AdminClient();
        var listed = await admin.GetStringAsync("/v1/apikeys");
        Assert.Contains(id, listed);
        Assert.DoesNotContain(key, listed);
        Assert.DoesNotContain(key, await node.StoredApiKeyRowsAsync());
        Assert.Contains(ApiKeyStore.Hash(key), await node.StoredApiKeyRowsAsync());
    }

    [Fact]
    public async Task A_key_shows_when_it_was_last_used_and_a_refused_call_does_not_count()
    {
        var (id, key) = await CreateKeyAsync(["jobs:read"], null);
        using var admin = node.AdminClient();
        Assert.Equal(JsonValueKind.Null, (await KeyAsync(admin, id)).GetProperty("lastUsedAt").ValueKind);

        using var client = node.Client(key);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/v1/scripts")).StatusCode);
        await node.App.Services.GetRequiredService<Aft.Grains.Storage.AppDatabase>().Writer.FlushAsync();
        Assert.Equal(JsonValueKind.Null, (await KeyAsync(admin, id)).GetProperty("lastUsedAt").ValueKind);

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/jobs")).StatusCode);
        await node.App.Services.GetRequiredService<Aft.Grains.Storage.AppDatabase>().Writer.FlushAsync();
        var lastUsed = (await KeyAsync(admin, id)).GetProperty("lastUsedAt").GetDateTimeOffset();
        Assert.InRange(lastUsed, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    private static async Task<JsonElement> KeyAsync(HttpClient admin, string id) =>
        (await admin.GetFromJsonAsync<JsonElement[]>("/v1/apikeys"))!.Single(key => key.GetProperty("id").GetString() == id);

    [Fact]
    public async Task A_caller_outside_the_key_allowlist_is_403_whatever_address_it_claims()
    {
        var (_, key) = await CreateKeyAsync(["jobs:read"], ["10.0.0.0/8", "2001:db8::/32"]);
        using var client = node.Client(key);

        // The node trusts no proxy (Aft:Server:TrustedProxies), so a forwarded address is anyone's claim.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs") { Headers = { { "X-Forwarded-For", "10.1.2.3" } } };
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("127.0.0.1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_revoked_key_stops_working()
    {
        var (id, key) = await CreateKeyAsync(["jobs:read"], null);
        using var client = node.Client(key);
        using var admin = node.AdminClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/apikeys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/jobs")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"k","scopes":["jobs:fly"]}""", "scopes")]
    [InlineData("""{"name":"k","scopes":["admin"],"allowedIps":["300.1.1.1"]}""", "allowedIps")]
    [InlineData("""{"scopes":["admin"]}""", "name")]
    public async Task A_bad_key_request_names_the_field(string body, string field)
    {
        using var admin = node.AdminClient();
        var response = await admin.PostAsync("/v1/apikeys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private async Task<(string Id, string Key)> CreateKeyAsync(string[] scopes, string[]? allowedIps)
    {
        using var admin = node.AdminClient();
        var response = await admin.PostAsJsonAsync("/v1/apikeys", new { name = "test-" + Guid.NewGuid().ToString("N")[..6], scopes, allowedIps });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var key = created.GetProperty("key").GetString()!;
        Assert.True(key.Length >= 43, "a key carries at least 32 bytes of entropy");
        return (created.GetProperty("id").GetString()!, key);
    }
}
