using Aft.Grains.Jobs;
using Aft.Grains.Storage;

namespace Aft.Api.Admin;

public static class HealthApi
{
    /// <summary>
    /// <c>/healthz</c>: the process answers. <c>/readyz</c>: the store answers and the node is not stopping, so a load
    /// balancer sends it requests (a stopping node answers 503 while it finishes its running jobs).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithTags("Health");
        app.MapGet("/readyz", async (AppDatabase database, JobExecutor executor, JobLifecycle lifecycle) =>
        {
            if (lifecycle.IsDraining)
            {
                return Results.Problem(detail: $"the node is stopping; it finishes the jobs it runs ({executor.RunningCount})", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            try
            {
                await using var connection = await database.OpenReaderAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync();
                return Results.Ok(new { status = "ready", runningJobs = executor.RunningCount });
            }
            catch (Exception ex)
            {
                return Results.Problem(detail: $"the store does not answer: {ex.GetType().Name}", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).WithTags("Health");
        return app;
    }
}
