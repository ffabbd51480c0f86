using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Api.Tests.Scripts;

[Collection(AftNodeCollection.Name)]
public sealed class ScriptsApiTests(AftNodeFixture node)
{
    [Fact]
    public async Task A_script_is_created_read_updated_as_a_new_version_listed_and_deleted()
    {
        using var client = node.AdminClient();
        var name = "crud-" + Guid.NewGuid().ToString("N")[..6];
        var created = await client.PostAsJsonAsync("/v1/scripts", new { name, description = "d", code = "Log(1);" });
        var script = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = script.GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, script.GetProperty("version").GetInt32());
        Assert.Equal(1, script.GetProperty("retry").GetProperty("maxAttempts").GetInt32());

        var updated = await (await client.PutAsJsonAsync($"/v1/scripts/{id}", new { description = "d2" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        Assert.Equal("Log(1);", updated.GetProperty("code").GetString());
        Assert.Equal("d2", updated.GetProperty("description").GetString());

        Assert.Contains(name, await client.GetStringAsync("/v1/scripts"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/scripts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/scripts/{id}")).StatusCode);
    }

    [Fact]
    public async Task Names_are_unique_case_insensitively()
    {
        using var client = node.AdminClient();
        var name = "Unique-" + Guid.NewGuid().ToString("N")[..6];
        await client.PostAsJsonAsync("/v1/scripts", new { name, code = "Log(1);" });

        var clash = await client.PostAsJsonAsync("/v1/scripts", new { name = name.ToLowerInvariant(), code = "Log(2);" });

        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal("name", (await clash.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("""{"name":"x"}""", "code")]
    [InlineData("""{"code":"Log(1)"}""", "name")]
    [InlineData("""{"name":"x","code":"var = ;"}""", "code")]
    [InlineData("""{"name":"x","code":"Log(1)","retry":{"maxAttempts":0}}""", "retry.maxAttempts")]
    [InlineData("""{"name":"x","code":"Log(1)","timeoutSeconds":"soon"}""", "timeoutSeconds")]
    public async Task A_bad_script_is_refused_naming_the_field(string body, string field)
    {
        using var client = node.AdminClient();
        var response = await client.PostAsync("/v1/scripts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
