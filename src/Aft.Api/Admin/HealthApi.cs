using Aft.Grains.Jobs;
using Aft.Grains.Storage;

namespace Aft.Api.Admin;

public static class HealthApi
{
    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the store answers and the node takes jobs.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithTags("Health");
        app.MapGet("/readyz", async (AppDatabase database, JobRunQueue queue) =>
        {
            try
            {
                await using var connection = await database.OpenReaderAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync();
                return Results.Ok(new { status = "ready", runningJobs = queue.RunningCount, queuedJobs = queue.WaitingCount });
            }
            catch (Exception ex)
            {
                return Results.Problem(detail: $"the store does not answer: {ex.GetType().Name}", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).WithTags("Health");
        return app;
    }
}
