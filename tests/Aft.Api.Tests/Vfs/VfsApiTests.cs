using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Api.Tests.Vfs;

[Collection(AftNodeCollection.Name)]
public sealed class VfsApiTests(AftNodeFixture node)
{
    [Fact]
    public async Task A_VFS_is_created_read_case_insensitively_replaced_tested_and_deleted()
    {
        using var client = node.AdminClient();
        var root = Directory.CreateTempSubdirectory("aft-vfs-api-").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "a.txt"), "a");
        var name = "Library-" + Guid.NewGuid().ToString("N")[..6];

        var created = await client.PostAsJsonAsync("/v1/vfs", new { name, type = "disk", target = root });
        var again = await client.PostAsJsonAsync("/v1/vfs", new { name = name.ToUpperInvariant(), type = "disk", target = root });
        var read = await client.GetFromJsonAsync<JsonElement>($"/v1/vfs/{name.ToLowerInvariant()}");
        var test = await client.PostAsync($"/v1/vfs/{name}/test", null);
        var replaced = await client.PutAsJsonAsync($"/v1/vfs/{name}", new { type = "disk", target = Path.Combine(root, "missing") });
        var failedTest = await (await client.PostAsync($"/v1/vfs/{name}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        var deleted = await client.DeleteAsync($"/v1/vfs/{name}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(name, read.GetProperty("name").GetString());
        var testResult = await test.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(testResult.GetProperty("ok").GetBoolean(), testResult.ToString());
        Assert.Equal(1, testResult.GetProperty("entries").GetInt32());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.False(failedTest.GetProperty("ok").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/vfs/{name}")).StatusCode);
        Directory.Delete(root, recursive: true);
    }

    [Theory]
    [InlineData("""{"name":"v","type":"floppy","target":"/tmp"}""", "type")]
    [InlineData("""{"name":"v","type":"disk"}""", "target")]
    [InlineData("""{"type":"disk","target":"/tmp"}""", "name")]
    [InlineData("""{"name":"v","type":"disk","target":"/tmp","credentials":{"password":"hunter2"}}""", "credentials.password")]
    [InlineData("""{"name":"v","type":"disk","target":"/tmp","options":{"depth":3}}""", "options.depth")]
    public async Task A_bad_definition_is_refused_naming_the_field(string body, string field)
    {
        using var client = node.AdminClient();
        var response = await client.PostAsync("/v1/vfs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.DoesNotContain("hunter2", problem.ToString());
    }
}
