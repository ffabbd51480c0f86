using Aft.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Api.Tests.Admin;

[Collection(AftNodeCollection.Name)]
public sealed class ServiceEndpointTests(AftNodeFixture node)
{
    [Fact]
    public async Task Health_readiness_and_the_OpenAPI_document_answer_without_a_key()
    {
        using var client = node.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal("ready", (await client.GetFromJsonAsync<JsonElement>("/readyz")).GetProperty("status").GetString());
        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/v1/jobs", out _));
    }

    [Fact]
    public async Task Settings_default_to_off_and_change_one_at_a_time()
    {
        using var client = node.AdminClient();
        var before = await client.GetFromJsonAsync<JsonElement>("/v1/settings");
        Assert.False(before.GetProperty("allowCliRun").GetBoolean());

        var changed = await (await client.PutAsJsonAsync("/v1/settings", new { allowCliRun = true })).Content.ReadFromJsonAsync<JsonElement>();
        await client.PutAsJsonAsync("/v1/settings", new { allowCliRun = false });

        Assert.True(changed.GetProperty("allowCliRun").GetBoolean());
        Assert.Equal(before.GetProperty("allowFilePathJobs").GetBoolean(), changed.GetProperty("allowFilePathJobs").GetBoolean());
        var bad = await client.PutAsJsonAsync("/v1/settings", new { allowEverything = true });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    [Trait(TestStore.Trait, TestStore.Sqlite)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_initial_admin_key_file_is_readable_by_its_owner_only()
    {
        var mode = File.GetUnixFileMode(Path.Combine(node.DataDir, "initial-admin-key"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal(node.AdminKey, (await File.ReadAllTextAsync(Path.Combine(node.DataDir, "initial-admin-key"))).Trim());
    }
}
