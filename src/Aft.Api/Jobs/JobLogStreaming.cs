using System.Text.Json;
using Aft.Api.Infrastructure;
using Aft.Grains.Jobs;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Aft.Api.Jobs;

/// <summary>
/// <c>GET /v1/jobs/{id}/log</c>: a page of log lines after a cursor, or, with <c>Accept: text/event-stream</c>,
/// every line as it is written until the job ends (then an <c>end</c> event with the job). The web UI's job page
/// follows the same stream through its own cookie-authenticated endpoint, with <c>job</c> events as the job changes.
/// </summary>
public static class JobLogStreaming
{
    private const int PageSize = 1000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static Task<IResult> GetLogAsync(string id, long? after, int? limit, HttpContext http) =>
        RespondAsync(http, id, after, limit, jobEvents: false);

    /// <summary>
    /// The answer of <c>GET /v1/jobs/{id}/log</c>. With <paramref name="jobEvents"/>, the stream also sends the job as a
    /// <c>job</c> event when it starts and whenever its status, attempts or transfer progress change.
    /// </summary>
    public static async Task<IResult> RespondAsync(HttpContext http, string id, long? after, int? limit, bool jobEvents)
    {
        if (!JobIds.IsWellFormed(id))
        {
            return ApiProblems.NotFound($"no job with id '{id}'");
        }

        if (limit is < 1 or > PageSize)
        {
            return ApiProblems.Invalid("limit", $"'limit' must be from 1 to {PageSize}");
        }

        var services = http.RequestServices;
        var logs = services.GetRequiredService<JobLogStore>();
        var grain = services.GetRequiredService<IGrainFactory>().GetGrain<IJobGrain>(id);
        var job = await grain.GetAsync();
        if (job is null)
        {
            return ApiProblems.NotFound($"no job with id '{id}'");
        }

        var cursor = after ?? (long.TryParse(http.Request.Headers["Last-Event-ID"], out var lastEventId) ? lastEventId : 0);
        if (!http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            var lines = await logs.ReadAsync(id, cursor, limit ?? PageSize);
            var next = lines.Count > 0 ? lines[^1].Id : cursor;
            return TypedResults.Ok(new JobLogResponse(id, [.. lines.Select(JobLogLineResponse.From)], next, job.IsTerminal));
        }

        await FollowAsync(http, grain, logs, id, cursor, jobEvents, services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
        return Results.Empty;
    }

    private static async Task FollowAsync(HttpContext http, IJobGrain grain, JobLogStore logs, string id, long cursor, bool jobEvents,
        JsonSerializerOptions options)
    {
        (int Revision, JobProgress? Progress)? sent = null;
        var response = http.Response;
        var aborted = http.RequestAborted;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.Body.FlushAsync(aborted);
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                // Read the status before the lines: once it says ended, the log is complete (the grain flushes it first).
                var job = await grain.GetAsync();
                if (jobEvents && job is { IsTerminal: false } && sent != (job.Revision, job.Progress))
                {
                    await response.WriteAsync($"event: job\ndata: {JsonSerializer.Serialize(JobResponse.From(job), options)}\n\n", aborted);
                    sent = (job.Revision, job.Progress);
                }

                IReadOnlyList<JobLogLine> lines;
                do
                {
                    lines = await logs.ReadAsync(id, cursor, PageSize, aborted);
                    foreach (var line in lines)
                    {
                        await response.WriteAsync($"id: {line.Id}\nevent: log\ndata: {JsonSerializer.Serialize(JobLogLineResponse.From(line), options)}\n\n", aborted);
                        cursor = line.Id;
                    }
                }
                while (lines.Count == PageSize);

                await response.Body.FlushAsync(aborted);
                if (job is null || job.IsTerminal)
                {
                    var end = job is null ? "null" : JsonSerializer.Serialize(JobResponse.From(job), options);
                    await response.WriteAsync($"event: end\ndata: {end}\n\n", aborted);
                    return;
                }

                await Task.Delay(PollInterval, aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }
}
