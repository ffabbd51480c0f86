using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Aft.Api.Tests.Admin;

/// <summary>Orleans' dashboard answers admins only: the key in X-API-Key, or from a browser as an HTTP Basic password.</summary>
[Collection(AftNodeCollection.Name)]
public sealed class DashboardTests(AftNodeFixture node)
{
    [Fact]
    public async Task A_browser_without_a_key_is_asked_for_one_and_every_dashboard_path_is_guarded()
    {
        using var client = node.Client();

        using var page = await client.GetAsync("/dashboard/");
        using var data = await client.GetAsync("/dashboard/ClusterStats");

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal("Basic", Assert.Single(page.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/problem+json", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
    }

    [Fact]
    public async Task The_admin_key_opens_it_as_a_basic_password_or_a_header_and_other_keys_do_not()
    {
        using var browser = node.Client();
        browser.DefaultRequestHeaders.Authorization = Basic("operator", node.AdminKey);
        using var page = await browser.GetAsync("/dashboard/");
        using var stats = await browser.GetAsync("/dashboard/ClusterStats");
        using var header = node.AdminClient();
        using var counters = await header.GetAsync("/dashboard/DashboardCounters");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.Equal(JsonValueKind.Object, (await counters.Content.ReadFromJsonAsync<JsonElement>()).ValueKind);

        using var wrong = node.Client();
        wrong.DefaultRequestHeaders.Authorization = Basic("operator", "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/dashboard/")).StatusCode);
        using var reader = node.Client(await ReadOnlyKeyAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/dashboard/")).StatusCode);
    }

    private async Task<string> ReadOnlyKeyAsync()
    {
        using var admin = node.AdminClient();
        var created = await admin.PostAsJsonAsync("/v1/apikeys", new { name = "dashboard-reader-" + Guid.NewGuid().ToString("N")[..6], scopes = new[] { "jobs:read" } });
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
