using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Api.Tests.Telemetry;

[Collection(AftNodeCollection.Name)]
public sealed class TraceTests(AftNodeFixture node)
{
    [Fact]
    public async Task A_job_attempt_continues_the_trace_of_the_request_that_submitted_it_and_parents_the_scripts_calls()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Aft" or "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        // The call's answer does not matter (the node's certificate is not one the script trusts): its span does.
        var scriptId = await node.CreateScriptAsync($"HttpCli().Url('{node.BaseAddress}healthz').Get();");
        var traceId = ActivityTraceId.CreateRandom();

        using var client = node.AdminClient();
        using var submit = new HttpRequestMessage(HttpMethod.Post, "/v1/jobs") { Content = JsonContent.Create(new { scriptId }) };
        submit.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(submit);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
        await node.WaitAsync(jobId);

        var attempt = Assert.Single(stopped, activity => activity.OperationName == "job.attempt" && (string?)activity.GetTagItem("aft.job.id") == jobId);
        var request = Assert.Single(stopped, activity => activity.Source.Name == "Microsoft.AspNetCore" && activity.TraceId == traceId);
        Assert.Equal(traceId, attempt.TraceId);
        Assert.Equal(request.SpanId, attempt.ParentSpanId);
        var call = Assert.Single(stopped, activity => activity.Source.Name == "System.Net.Http" && activity.ParentSpanId == attempt.SpanId);
        Assert.Equal(traceId, call.TraceId);
    }
}
