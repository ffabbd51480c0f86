using System.Net.Http.Json;
using System.Text.Json;
using Aft.Ui.Tests.Infrastructure;

namespace Aft.Ui.Tests.Jobs;

/// <summary>Scripts and jobs made through the REST API with the node's admin key: what the UI tests then look at.</summary>
public sealed class JobsRest(UiNode node) : IDisposable
{
    private readonly HttpClient _client = node.AdminClient();

    /// <summary>A script under a name no other test uses (<paramref name="name"/> and a random suffix).</summary>
    public async Task<(string Id, string Name)> CreateScriptAsync(string name, string code)
    {
        var unique = $"{name}-{Guid.NewGuid().ToString("N")[..8]}";
        var response = await _client.PostAsJsonAsync("/v1/scripts", new { name = unique, code });
        response.EnsureSuccessStatusCode();
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!, unique);
    }

    /// <summary>Submits a job of the script; its id.</summary>
    public async Task<string> SubmitAsync(string scriptId, object? parameters = null)
    {
        var response = await _client.PostAsJsonAsync("/v1/jobs", new { scriptId, @params = parameters ?? new { } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }

    public async Task<JsonElement> GetAsync(string jobId, string wait = "0s") =>
        await _client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}?wait={wait}");

    /// <summary>The job once it ended (fails the test if it runs on for more than 30 s).</summary>
    public async Task<JsonElement> WaitForEndAsync(string jobId)
    {
        var job = await GetAsync(jobId, "30s");
        Assert.Contains(job.GetProperty("status").GetString(), (string[])["succeeded", "failed", "cancelled", "timed_out"]);
        return job;
    }

    public void Dispose() => _client.Dispose();
}
