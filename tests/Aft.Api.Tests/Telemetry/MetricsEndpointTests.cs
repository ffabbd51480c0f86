using System.Net;

namespace Aft.Api.Tests.Telemetry;

// The scrape's content is checked against a node in a process of its own (Aft.Silo.Tests' MetricsScrapeTests): nodes
// in one process share their meters' names, and one node's stop ends those instruments for the others.

public sealed class MetricsAllowListTests(ForeignMetricsNodeFixture node) : IClassFixture<ForeignMetricsNodeFixture>
{
    [Fact]
    public async Task A_scraper_outside_the_allowlist_is_refused()
    {
        using var client = node.Client();
        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

[Collection(AftNodeCollection.Name)]
public sealed class MetricsOffTests(AftNodeFixture node)
{
    [Fact]
    public async Task Metrics_are_off_unless_enabled()
    {
        using var client = node.Client();
        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
