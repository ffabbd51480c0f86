using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Aft.Api.Tests.Jobs;

[Collection(AftNodeCollection.Name)]
public sealed class BadInputTests(AftNodeFixture node)
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { "{not json", "body" },
        { "[1,2]", "body" },
        { "{}", "scriptId" },
        { """{"scriptId":"a","scriptName":"b"}""", "scriptName" },
        { """{"scriptId":42}""", "scriptId" },
        { """{"scriptId":""}""", "scriptId" },
        { """{"scriptId":"a","params":"x=1"}""", "params" },
        { """{"scriptId":"a","params":[1]}""", "params[0]" },
        { """{"scriptId":"a","params":[{"value":"v"}]}""", "params[0].name" },
        { """{"scriptId":"a","params":[{"name":"job_id","valu":"abc"}]}""", "params[0].valu" },
        { """{"scriptId":"a","params":[{"name":"a","value":1},{"name":"job_id"}]}""", "params[1].value" },
        { """{"scriptId":"a","params":[{"name":42,"value":"v"}]}""", "params[0].name" },
        { """{"scriptId":"a","params":[{"name":"","value":"v"}]}""", "params[0].name" },
        { """{"scriptId":"a","params":[{"name":"job_id","value":"a"},{"name":"job_id","value":"b"}]}""", "params[1].name" },
        { """{"scriptId":"a","params":[{"name":"a","name":"b","value":"v"}]}""", "params[0].name" },
        { """{"scriptId":"a","params":{"job_id":"a","job_id":"b"}}""", "params.job_id" },
        { """{"scriptId":"a","params":{"cfg":{"x":1,"x":2}}}""", "params.cfg.x" },
        { """{"scriptId":"a","params":[{"name":"cfg","value":[{"x":1,"x":2}]}]}""", "params[0].value[0].x" },
        { """{"scriptId":"a","jobType":"SCRIPT"}""", "jobType" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_malformed_submission_is_a_400_problem_naming_the_field_and_stores_nothing(string body, string field)
    {
        using var client = node.AdminClient();
        var before = await CountJobsAsync(client);

        var response = await client.PostAsync("/v1/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await CountJobsAsync(client));
    }

    [Theory]
    [InlineData("""[{"name":"job_id","valu":"abc"}]""", "'params[0]' has a field 'valu'")]
    [InlineData("""[{"name":"job_id","value":"a"},{"name":"job_id","value":"b"}]""", "'job_id' is given twice ('params[0]' and 'params[1]')")]
    [InlineData("""{"job_id":"a","job_id":"b"}""", "the parameter 'job_id' is given twice in 'params'")]
    public async Task A_bad_parameter_is_refused_naming_the_item_and_the_field_for_a_stored_script(string parameters, string says)
    {
        var scriptId = await node.CreateScriptAsync("Log(Params('job_id'));");
        using var client = node.AdminClient();
        var before = await CountJobsAsync(client);

        var body = "{\"scriptId\":\"" + scriptId + "\",\"params\":" + parameters + "}";
        var response = await client.PostAsync("/v1/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(says, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await CountJobsAsync(client));
    }

    [Fact]
    public async Task An_unknown_script_is_a_404_problem_naming_the_field()
    {
        using var client = node.AdminClient();
        var response = await client.PostAsJsonAsync("/v1/jobs", new { scriptName = "no such script" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("scriptName", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_a_413_problem()
    {
        using var client = node.AdminClient();
        var body = "{\"scriptId\":\"a\",\"params\":{\"big\":\"" + new string('x', 1100 * 1024) + "\"}}";
        var response = await client.PostAsync("/v1/jobs", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/v1/jobs/0123456789abcdef0123456789abcdef")]
    [InlineData("/v1/jobs/not-a-job")]
    [InlineData("/v1/jobs/0123456789abcdef0123456789abcdef/log")]
    public async Task An_unknown_job_is_a_404_problem(string path)
    {
        using var client = node.AdminClient();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/v1/jobs?status=done", "status")]
    [InlineData("/v1/jobs?limit=0", "limit")]
    [InlineData("/v1/jobs?cursor=zzz", "cursor")]
    public async Task A_bad_list_query_is_a_400_problem_naming_the_parameter(string path, string field)
    {
        using var client = node.AdminClient();
        var response = await client.GetAsync(path);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static async Task<int> CountJobsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/v1/jobs?limit=500")).GetProperty("items").GetArrayLength();
}
