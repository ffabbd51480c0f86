using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Aft.Api.Tests.Schedules;

[Collection(AftNodeCollection.Name)]
public sealed class SchedulesApiTests(AftNodeFixture node)
{
    [Fact]
    public async Task A_schedule_is_created_shown_by_id_and_name_changed_paused_resumed_and_deleted()
    {
        using var client = node.AdminClient();
        var scriptName = "nightly-" + Guid.NewGuid().ToString("N")[..6];
        var scriptId = await node.CreateScriptAsync("Log('hi')", name: scriptName);
        var name = "Nightly-" + Guid.NewGuid().ToString("N")[..6];

        var created = await client.PostAsJsonAsync("/v1/schedules",
            new { name, scriptName, cron = "30 2 * * *", timeZone = "Europe/Berlin", @params = new { day = "today" } });
        var schedule = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = schedule.GetProperty("id").GetString()!;
        var duplicate = await client.PostAsJsonAsync("/v1/schedules", new { name = name.ToUpperInvariant(), scriptId, cron = "* * * * *" });
        var byName = await client.GetFromJsonAsync<JsonElement>($"/v1/schedules/{name}");
        var listed = await client.GetFromJsonAsync<JsonElement>("/v1/schedules");
        var patched = await (await client.PatchAsJsonAsync($"/v1/schedules/{id}", new { cron = "0 6 * * 1-5", overlap = "allow", catchUp = "all" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var paused = await (await client.PostAsync($"/v1/schedules/{id}/pause", null)).Content.ReadFromJsonAsync<JsonElement>();
        var resumed = await (await client.PostAsync($"/v1/schedules/{name}/resume", null)).Content.ReadFromJsonAsync<JsonElement>();
        var deleted = await client.DeleteAsync($"/v1/schedules/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(scriptId, schedule.GetProperty("scriptId").GetString());
        Assert.Equal(scriptName, schedule.GetProperty("scriptName").GetString());
        Assert.Equal("today", schedule.GetProperty("params").GetProperty("day").GetString());
        Assert.Equal(("skip", "none", true), (schedule.GetProperty("overlap").GetString(), schedule.GetProperty("catchUp").GetString(), schedule.GetProperty("enabled").GetBoolean()));
        var occurrences = schedule.GetProperty("nextOccurrences").EnumerateArray().Select(at => at.GetDateTimeOffset()).ToList();
        Assert.Equal(5, occurrences.Count);
        Assert.All(occurrences, at => Assert.Equal(new TimeSpan(2, 30, 0), at.TimeOfDay));
        Assert.Equal(occurrences[0], schedule.GetProperty("nextRunAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, schedule.GetProperty("lastJobId").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(id, byName.GetProperty("id").GetString());
        Assert.Contains(listed.EnumerateArray(), item => item.GetProperty("id").GetString() == id);
        Assert.Equal(("0 6 * * 1-5", "allow", "all", name), (patched.GetProperty("cron").GetString(), patched.GetProperty("overlap").GetString(),
            patched.GetProperty("catchUp").GetString(), patched.GetProperty("name").GetString()));
        Assert.Equal("today", patched.GetProperty("params").GetProperty("day").GetString());
        Assert.False(paused.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, paused.GetProperty("nextRunAt").ValueKind);
        Assert.True(resumed.GetProperty("enabled").GetBoolean());
        Assert.Equal(6, resumed.GetProperty("nextRunAt").GetDateTimeOffset().Hour);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/schedules/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_schedule_fires_jobs_that_carry_its_id_and_shows_the_last_one()
    {
        using var client = node.AdminClient();
        var scriptId = await node.CreateScriptAsync("Log('tick')");
        var name = "every-second-" + Guid.NewGuid().ToString("N")[..6];
        var created = await (await client.PostAsJsonAsync("/v1/schedules", new { name, scriptId, cron = "* * * * * *", overlap = "allow" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;

        JsonElement schedule;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(200);
            schedule = await client.GetFromJsonAsync<JsonElement>($"/v1/schedules/{id}");
        }
        while (schedule.GetProperty("lastJobStatus").GetString() != "succeeded" && DateTime.UtcNow < deadline);
        await client.PostAsync($"/v1/schedules/{id}/pause", null);
        var job = await node.WaitAsync(schedule.GetProperty("lastJobId").GetString()!);

        Assert.Equal("succeeded", schedule.GetProperty("lastJobStatus").GetString());
        Assert.NotEqual(JsonValueKind.Null, schedule.GetProperty("lastRunAt").ValueKind);
        Assert.Equal("schedule", job.GetProperty("source").GetString());
        Assert.Equal(id, job.GetProperty("scheduleId").GetString());
        Assert.Equal(scriptId, job.GetProperty("scriptId").GetString());
    }

    [Theory]
    [InlineData("""{"name":"s","scriptName":"SCRIPT","cron":"61 * * * *"}""", "cron")]
    [InlineData("""{"name":"s","scriptName":"SCRIPT","cron":"* * *"}""", "cron")]
    [InlineData("""{"name":"s","scriptName":"SCRIPT"}""", "cron")]
    [InlineData("""{"name":"s","scriptName":"SCRIPT","cron":"0 0 30 2 *"}""", "cron")]
    [InlineData("""{"name":"s","scriptName":"SCRIPT","cron":"* * * * *","timeZone":"Mars/Olympus_Mons"}""", "timeZone")]
    [InlineData("""{"name":"s","scriptName":"no-such-script","cron":"* * * * *"}""", "scriptName")]
    [InlineData("""{"name":"s","scriptId":"no-such-id","cron":"* * * * *"}""", "scriptId")]
    [InlineData("""{"name":"s","cron":"* * * * *"}""", "scriptName")]
    [InlineData("""{"scriptName":"SCRIPT","cron":"* * * * *"}""", "name")]
    [InlineData("""{"name":"s","scriptName":"SCRIPT","cron":"* * * * *","overlap":"sometimes"}""", "overlap")]
    [InlineData("""{"name":"s","scriptName":"SCRIPT","cron":"* * * * *","catchUp":"1"}""", "catchUp")]
    [InlineData("""{"name":"s","scriptName":"SCRIPT","cron":"* * * * *","overlap":"skip,allow"}""", "overlap")]
    [InlineData("""{"name":"s","scriptName":"SCRIPT","cron":"* * * * *","enabled":"yes"}""", "enabled")]
    [InlineData("""{"name":"s","scriptName":"SCRIPT","cron":"* * * * *","params":[{"name":"a"}]}""", "params[0].value")]
    [InlineData("""{"name":"s","scriptName":"SCRIPT","cron":"* * * * *","when":"now"}""", "when")]
    public async Task A_bad_schedule_is_refused_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        using var client = node.AdminClient();
        var scriptName = "bad-input-" + Guid.NewGuid().ToString("N")[..6];
        await node.CreateScriptAsync("Log('x')", name: scriptName);
        var before = (await client.GetFromJsonAsync<JsonElement>("/v1/schedules")).GetArrayLength();

        var response = await client.PostAsync("/v1/schedules", new StringContent(body.Replace("SCRIPT", scriptName), Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var after = (await client.GetFromJsonAsync<JsonElement>("/v1/schedules")).GetArrayLength();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Schedules_need_an_admin_key()
    {
        using var anonymous = node.Client();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/schedules")).StatusCode);
    }
}
