using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Api.Tests.Security;

/// <summary>
/// Through a trusted proxy the client is the address the proxy saw (the last one of <c>X-Forwarded-For</c>); what a
/// client wrote into the header before it does not count. <c>ApiKeyTests</c> shows the header ignored without one.
/// </summary>
public sealed class TrustedProxyTests(TrustedProxyNodeFixture node) : IClassFixture<TrustedProxyNodeFixture>
{
    [Fact]
    public async Task A_key_allowlist_sees_the_forwarded_client_and_not_what_the_client_claimed()
    {
        using var admin = node.AdminClient();
        using var client = node.Client(await CreateKeyAsync(admin, ["jobs:read"], ["203.0.113.0/24"]));

        Assert.Equal(HttpStatusCode.Forbidden, (await GetJobsAsync(client, forwardedFor: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetJobsAsync(client, "203.0.113.7")).StatusCode);

        // A client outside the list that writes an allowed address itself: the proxy appends the one it saw.
        var spoofed = await GetJobsAsync(client, "203.0.113.7, 198.51.100.9");
        Assert.Equal(HttpStatusCode.Forbidden, spoofed.StatusCode);
        Assert.Contains("198.51.100.9", await spoofed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_audit_trail_records_the_forwarded_client()
    {
        // Keys work from loopback unless told otherwise: this one is for the remote client the proxy forwards.
        using var admin = node.AdminClient();
        using var client = node.Client(await CreateKeyAsync(admin, ["admin"], ["2001:db8::/32"]));
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/secrets/proxied-secret") { Content = JsonContent.Create(new { value = "s3cret-value" }) };
        request.Headers.Add("X-Forwarded-For", "2001:db8::7");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(request)).StatusCode);

        var audit = await admin.GetFromJsonAsync<JsonElement>("/v1/audit?targetKind=secret&targetId=proxied-secret");
        var entry = audit.GetProperty("items").EnumerateArray().First();
        Assert.Equal("2001:db8::7", entry.GetProperty("actor").GetProperty("address").GetString());
    }

    private static async Task<string> CreateKeyAsync(HttpClient admin, string[] scopes, string[] allowedIps)
    {
        var response = await admin.PostAsJsonAsync("/v1/apikeys", new { name = "proxied-" + Guid.NewGuid().ToString("N")[..6], scopes, allowedIps });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private static async Task<HttpResponseMessage> GetJobsAsync(HttpClient client, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }
}
