using System.Text.Json;
using Aft.Api.Audit;
using Aft.Api.Infrastructure;
using Aft.Api.Security;
using Aft.Grains.Jobs;
using Aft.Grains.Scripts;
using Aft.Grains.Security;
using Microsoft.Extensions.Options;

namespace Aft.Api.Jobs;

public static class JobsApi
{
    private const int MaxPageSize = 500;

    /// <summary>Longest single wait inside one grain call; grain calls time out at 30 s.</summary>
    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(20);

    public static IEndpointRouteBuilder MapJobsApiV1(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/v1/jobs").WithTags("Jobs");
        jobs.MapPost("/", (Delegate)SubmitFromBodyAsync).RequireApiKey(ApiKeyScopes.JobsRun).CountsAsSubmission();
        jobs.MapGet("/", ListAsync).RequireApiKey(ApiKeyScopes.JobsRead);
        jobs.MapGet("/{id}", GetAsync).RequireApiKey(ApiKeyScopes.JobsRead);
        jobs.MapGet("/{id}/log", JobLogStreaming.GetLogAsync).RequireApiKey(ApiKeyScopes.JobsRead);
        jobs.MapPost("/{id}/cancel", CancelFromRequestAsync).RequireApiKey(ApiKeyScopes.JobsRun);
        return app;
    }

    private static Task<IResult> SubmitFromBodyAsync(HttpContext http) =>
        JsonBody.ReadAsync(http.Request, async body =>
        {
            var idempotencyKey = http.Request.Headers["Idempotency-Key"].ToString();
            if (idempotencyKey.Length > 255)
            {
                return ApiProblems.Invalid("Idempotency-Key", "the Idempotency-Key header must be at most 255 characters");
            }

            var (job, created, problem) = await SubmitAsync(http, body, JobSource.Api, http.ApiKey().Record.Id, idempotencyKey.Length == 0 ? null : idempotencyKey);
            if (problem is not null)
            {
                return problem;
            }

            var location = $"/v1/jobs/{job!.JobId}";
            if (created)
            {
                return TypedResults.Accepted(location, JobResponse.From(job));
            }

            // A repeat of an earlier request under the same Idempotency-Key: the job it created.
            http.Response.Headers.Location = location;
            return TypedResults.Ok(JobResponse.From(job));
        });

    /// <summary>
    /// Submits the job a body of <c>POST /v1/jobs</c> describes (the API's and the web UI's one way): the same parsing,
    /// checks and audit entry. The job and whether this call created it, or the problem.
    /// </summary>
    public static async Task<(JobRecord? Job, bool Created, IResult? Problem)> SubmitAsync(
        HttpContext http, JsonBody body, JobSource source, string? submittedBy, string? idempotencyKey = null)
    {
        var problem = JobRequestParser.TryParse(body, out var request);
        if (problem is not null)
        {
            return (null, false, problem);
        }

        // The request's fingerprint only matters to tell a retry from another request under the same key.
        var submission = new JobSubmission(
            request.ScriptId, request.ScriptName, request.FilePath, request.ParamsJson, source, submittedBy, idempotencyKey,
            idempotencyKey is null ? null : JobRequestParser.Fingerprint(request.ScriptId, request.ScriptName, request.FilePath, request.ParamsJson),
            Actor: http.AuditActor());
        try
        {
            var (job, created) = await http.RequestServices.GetRequiredService<JobSubmitter>().SubmitAsync(submission);
            return (job, created, null);
        }
        catch (JobSubmissionException ex)
        {
            return (null, false, ex.Error switch
            {
                JobSubmissionError.UnknownScript => TypedResults.Problem(detail: ex.Message, title: $"Unknown '{ex.Field}'",
                    statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["field"] = ex.Field }),
                JobSubmissionError.FilePathJobsDisabled => TypedResults.Problem(detail: ex.Message, title: "File path jobs are disabled",
                    statusCode: StatusCodes.Status403Forbidden, extensions: new Dictionary<string, object?> { ["field"] = ex.Field }),
                JobSubmissionError.IdempotencyKeyReused => ApiProblems.Conflict(ex.Field, ex.Message),
                _ => ApiProblems.Invalid(ex.Field, ex.Message),
            });
        }
    }

    /// <summary>GET /v1/jobs/{id}[?wait=30s]; also the local channel's, for the progress of a delegated <c>aft run</c>.</summary>
    public static async Task<IResult> GetAsync(string id, string? wait, IGrainFactory grains, IOptions<JobsOptions> options, CancellationToken aborted)
    {
        if (!JobIds.IsWellFormed(id))
        {
            return ApiProblems.NotFound($"no job with id '{id}'");
        }

        if (!WaitDuration.TryParse(wait, out var waitFor))
        {
            return ApiProblems.Invalid("wait", "'wait' must be a duration such as 30s, 500ms or 2m");
        }

        if (waitFor > options.Value.MaxWait)
        {
            waitFor = options.Value.MaxWait;
        }

        var grain = grains.GetGrain<IJobGrain>(id);
        var deadline = DateTimeOffset.UtcNow + waitFor;
        var job = await grain.GetAsync();
        while (job is { IsTerminal: false } && !aborted.IsCancellationRequested && DateTimeOffset.UtcNow < deadline)
        {
            var slice = deadline - DateTimeOffset.UtcNow;
            job = await grain.WaitForEndAsync(slice < WaitSlice ? slice : WaitSlice);
        }

        return job is null ? ApiProblems.NotFound($"no job with id '{id}'") : TypedResults.Ok(JobResponse.From(job));
    }

    private static async Task<IResult> ListAsync(
        string? status, string? scriptId, string? scriptName, DateTimeOffset? createdAfter, DateTimeOffset? createdBefore,
        int? limit, string? cursor, JobStore jobs, ScriptStore scripts)
    {
        var (page, problem) = await QueryAsync(status, scriptId, scriptName, createdAfter, createdBefore, limit, cursor, jobs, scripts);
        return problem ?? TypedResults.Ok(new JobListResponse([.. page!.Jobs.Select(JobResponse.From)], page.NextCursor));
    }

    /// <summary>
    /// A page of <c>GET /v1/jobs</c> (the API's and the web UI's one way): the same filters, checks and cursor paging,
    /// newest first. The page, or the problem with the filter it names.
    /// </summary>
    public static async Task<(JobListPage? Page, IResult? Problem)> QueryAsync(
        string? status, string? scriptId, string? scriptName, DateTimeOffset? createdAfter, DateTimeOffset? createdBefore,
        int? limit, string? cursor, JobStore jobs, ScriptStore scripts)
    {
        JobStatus? statusFilter = null;
        if (status is not null)
        {
            if (!JobStatusNames.TryParse(status, out var parsed))
            {
                return (null, ApiProblems.Invalid("status", $"'status' must be one of {string.Join(", ", JobStatusNames.AllNames)}"));
            }

            statusFilter = parsed;
        }

        if (limit is < 1 or > MaxPageSize)
        {
            return (null, ApiProblems.Invalid("limit", $"'limit' must be from 1 to {MaxPageSize}"));
        }

        if (cursor is not null && !JobIds.IsWellFormed(cursor))
        {
            return (null, ApiProblems.Invalid("cursor", "'cursor' is not a cursor this API returned"));
        }

        if (scriptName is not null)
        {
            var script = await scripts.FindByNameAsync(scriptName);
            if (script is null)
            {
                return (new JobListPage([], null), null);
            }

            scriptId = script.Id;
        }

        var pageSize = limit ?? 50;
        var page = await jobs.ListAsync(new JobQuery(statusFilter, scriptId, createdAfter, createdBefore, cursor, pageSize));
        return (new JobListPage(page, page.Count == pageSize ? page[^1].JobId : null), null);
    }

    private static async Task<IResult> CancelFromRequestAsync(string id, HttpContext http)
    {
        var (job, problem) = await CancelAsync(http, id);
        if (problem is not null)
        {
            return problem;
        }

        return job!.IsTerminal
            ? TypedResults.Ok(JobResponse.From(job))
            : TypedResults.Accepted($"/v1/jobs/{id}", JobResponse.From(job));
    }

    /// <summary>
    /// Asks a job to stop (the API's and the web UI's one way), with its audit entry. The job as it is now (ended, or
    /// still running until its script stops), or the problem.
    /// </summary>
    public static async Task<(JobRecord? Job, IResult? Problem)> CancelAsync(HttpContext http, string id)
    {
        if (!JobIds.IsWellFormed(id))
        {
            return (null, ApiProblems.NotFound($"no job with id '{id}'"));
        }

        var job = await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IJobGrain>(id).CancelAsync();
        if (job is null)
        {
            return (null, ApiProblems.NotFound($"no job with id '{id}'"));
        }

        await http.AuditAsync("job.cancelled", "job", id);
        return (job, null);
    }
}
