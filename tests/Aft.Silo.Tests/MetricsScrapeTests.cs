using Aft.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Silo.Tests;

/// <summary><c>/metrics</c> of a node in a process of its own, scraped as Prometheus does: without an API key.</summary>
public sealed class MetricsScrapeTests : NodeTest
{
    private readonly string _from;
    private readonly string _to;

    public MetricsScrapeTests()
    {
        _from = Scratch("aft-metrics-from-");
        _to = Scratch("aft-metrics-to-");
    }

    [Fact]
    public async Task Jobs_and_transfers_show_in_the_scrape_with_their_labels()
    {
        using var aft = await AftProcess.StartAsync(Store, DataDir, LoopbackPorts.Free(), LoopbackPorts.Free(),
            new Dictionary<string, string> { ["Aft__Metrics__Enabled"] = "true" });
        using var admin = aft.Client();
        await File.WriteAllTextAsync(Path.Join(_from, "a.txt"), new string('x', 1000));
        var copy = await CreateScriptAsync(admin, "copy", $$"""
            var from = new VirtualFS(VfsTypeDisk, {{JsonSerializer.Serialize(_from)}});
            var to = new VirtualFS(VfsTypeDisk, {{JsonSerializer.Serialize(_to)}});
            Exit(from.CopyToVFS("/a.txt", to, "/").Ok() && Params('code') === '0' ? 0 : 3);
            """);
        var retried = await CreateScriptAsync(admin, "retried", "Exit(3);", new { maxAttempts = 2, initialBackoffSeconds = 0.05, backoffMultiplier = 1, maxBackoffSeconds = 0.05 });
        string[] jobs =
        [
            await SubmitAsync(admin, copy, new { code = "0" }), await SubmitAsync(admin, copy, new { code = "0" }),
            await SubmitAsync(admin, copy, new { code = "1" }), await SubmitAsync(admin, retried, null),
        ];
        foreach (var job in jobs)
        {
            await admin.GetAsync($"/v1/jobs/{job}?wait=30s");
        }

        using var scraper = PinnedHttpClient.Create(new Uri($"https://127.0.0.1:{aft.Port}"), DataDir);
        var scrape = await ScrapeUntilAsync(scraper, metrics =>
            metrics.Value("aft_jobs_finished_total", ("script", "retried"), ("outcome", "failed")) == 1
            && metrics.Value("aft_jobs_queue_depth", ("status", "queued")) is not null);

        Assert.Equal(3, scrape.Value("aft_jobs_submitted_total", ("script", "copy"), ("source", "api")));
        Assert.Equal(3, scrape.Value("aft_jobs_started_total", ("script", "copy")));
        Assert.Equal(2, scrape.Value("aft_jobs_finished_total", ("script", "copy"), ("outcome", "succeeded")));
        Assert.Equal(1, scrape.Value("aft_jobs_finished_total", ("script", "copy"), ("outcome", "failed")));
        Assert.Equal(1, scrape.Value("aft_jobs_retries_total", ("script", "retried")));
        Assert.Equal(2, scrape.Value("aft_jobs_attempt_duration_seconds_count", ("script", "copy"), ("outcome", "succeeded")));
        Assert.Equal(2, scrape.Value("aft_jobs_attempt_duration_seconds_count", ("script", "retried"), ("outcome", "failed")));
        Assert.Equal(0, scrape.Value("aft_jobs_running"));
        Assert.Equal(0, scrape.Value("aft_jobs_queue_depth", ("status", "queued")));
        Assert.Equal(0, scrape.Value("aft_jobs_queue_depth", ("status", "retrying")));
        Assert.Equal(3000, scrape.Value("aft_vfs_transferred_bytes_total", ("vfs_type", "disk"), ("direction", "read")));
        Assert.Equal(3000, scrape.Value("aft_vfs_transferred_bytes_total", ("vfs_type", "disk"), ("direction", "write")));
        Assert.Equal(3, scrape.Value("aft_vfs_files_total", ("vfs_type", "disk"), ("direction", "write")));
        // ASP.NET Core, the .NET runtime and Orleans report beside AFT.
        Assert.Contains(scrape.Samples, sample => sample.Name.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal));
        Assert.Contains(scrape.Samples, sample => sample.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        Assert.Contains(scrape.Samples, sample => sample.Name.StartsWith("orleans_", StringComparison.Ordinal));
    }


    private static async Task<string> CreateScriptAsync(HttpClient admin, string name, string code, object? retry = null)
    {
        var response = await admin.PostAsJsonAsync("/v1/scripts", retry is null ? new { name, code } : (object)new { name, code, retry });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json.GetProperty("id").GetString()!;
    }

    private static async Task<string> SubmitAsync(HttpClient admin, string scriptId, object? parameters)
    {
        var response = await admin.PostAsJsonAsync("/v1/jobs", new { scriptId, @params = parameters });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }

    /// <summary>The exporter caches a scrape briefly and the queue depth is counted in the background: scrapes until <paramref name="ready"/>.</summary>
    private static async Task<PrometheusText> ScrapeUntilAsync(HttpClient scraper, Func<PrometheusText, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var scrape = PrometheusText.Parse(await scraper.GetStringAsync("/metrics"));
            if (ready(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(250);
        }
    }
}
