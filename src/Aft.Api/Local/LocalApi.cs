using System.Net.Sockets;
using Aft.Api.Audit;
using Aft.Api.Infrastructure;
using Aft.Api.Jobs;
using Aft.Grains.Jobs;
using Aft.Grains.Settings;
using Aft.Grains.Storage;
using Microsoft.AspNetCore.Connections.Features;

namespace Aft.Api.Local;

/// <summary>
/// <c>/local/v1</c>: what <c>aft run</c> needs to hand a script file to the service on the same machine. There is
/// no API key here; the caller is trusted because it could connect at all: these routes answer only on the
/// owner-only Unix socket <c>DATA_DIR/aft.sock</c>, and a caller on any TCP listener gets 404 as if they did not exist.
/// </summary>
public static class LocalApi
{
    /// <summary>
    /// Why <c>aft run</c> is refused while the allowCliRun setting is off, with the command line that turns it on where
    /// the refusal happens (the CLI refuses too when it runs the file itself).
    /// </summary>
    public static string CliRunDisabled(string enable) => $"aft run is disabled; an administrator can enable it with '{enable}'";

    public static IEndpointRouteBuilder MapLocalApiV1(this IEndpointRouteBuilder app)
    {
        var local = app.MapGroup("/local/v1").WithTags("Local").ExcludeFromDescription().AddEndpointFilter(OnlyOnUnixSocket);
        local.MapPost("/run", RunAsync);
        local.MapGet("/jobs/{id}", JobsApi.GetAsync);
        local.MapGet("/jobs/{id}/log", JobLogStreaming.GetLogAsync);
        local.MapPost("/jobs/{id}/cancel", CancelAsync);
        return app;
    }

    private static async ValueTask<object?> OnlyOnUnixSocket(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Features.Get<IConnectionEndPointFeature>()?.LocalEndPoint is UnixDomainSocketEndPoint
            ? await next(context)
            : Results.NotFound();

    /// <summary>Body <c>{"code","filePath","params"}</c> (<c>params</c> as <see cref="JobParams"/> reads them): queues the code as a job (source <c>cli</c>) and answers 202 with it.</summary>
    private static async Task<IResult> RunAsync(HttpContext http, SettingsStore settings, JobSubmitter submitter, DataDirectory dataDirectory)
    {
        if (!(await settings.GetAsync()).AllowCliRun)
        {
            // While the service runs, settings change through it, which takes an admin key.
            return ApiProblems.Forbidden(CliRunDisabled("aft settings set allow-cli-run true -a ADMIN_KEY")
                + $" (the first admin key is in {dataDirectory.InitialAdminKeyFile})");
        }

        return await JsonBody.ReadAsync(http.Request, async body =>
        {
            IResult? problem;
            if (!body.TryGetString("code", out var code, out problem) || !body.TryGetString("filePath", out var filePath, out problem))
            {
                return problem!;
            }

            if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(filePath))
            {
                return ApiProblems.Invalid("code", "'code' and 'filePath' are required");
            }

            if (JobParams.TryNormalize(body.Root.TryGetProperty("params", out var parameters) ? parameters : null, "params", out var paramsJson) is { } invalid)
            {
                return ApiProblems.Invalid(invalid.Field, invalid.Message);
            }

            var (job, _) = await submitter.SubmitAsync(new JobSubmission(
                null, null, filePath, paramsJson, JobSource.Cli, SubmittedBy: null, Code: code, Actor: http.AuditActor()));
            return TypedResults.Accepted($"/local/v1/jobs/{job.JobId}", JobResponse.From(job));
        });
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var job = JobIds.IsWellFormed(id) ? await grains.GetGrain<IJobGrain>(id).CancelAsync() : null;
        if (job is null)
        {
            return ApiProblems.NotFound($"no job with id '{id}'");
        }

        await http.AuditAsync("job.cancelled", "job", id);
        return TypedResults.Ok(JobResponse.From(job));
    }
}
