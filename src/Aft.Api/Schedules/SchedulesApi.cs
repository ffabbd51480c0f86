using Aft.Api.Audit;
using Aft.Api.Infrastructure;
using Aft.Api.Security;
using Aft.Grains.Jobs;
using Aft.Grains.Schedules;
using Aft.Grains.Scripts;
using Aft.Grains.Security;

namespace Aft.Api.Schedules;

/// <summary>
/// <c>/v1/schedules</c>: scripts run by a cron expression. A schedule is addressed by its id or its name. PUT and
/// PATCH change the fields given (as PUT /v1/scripts/{id} does); pause and resume set <c>enabled</c>. A resumed or
/// re-timed schedule fires from its next occurrence on, without catching up.
/// </summary>
public static class SchedulesApi
{
    /// <summary>How often an edit reads again when a firing changed the schedule between its read and its write.</summary>
    private const int MaxEditTries = 5;

    public static IEndpointRouteBuilder MapSchedulesApiV1(this IEndpointRouteBuilder app)
    {
        var schedules = app.MapGroup("/v1/schedules").WithTags("Schedules").RequireApiKey(ApiKeyScopes.Admin);
        schedules.MapPost("/", CreateAsync);
        schedules.MapGet("/", ListAsync);
        schedules.MapGet("/{idOrName}", GetAsync);
        schedules.MapPut("/{idOrName}", ChangeAsync);
        schedules.MapPatch("/{idOrName}", ChangeAsync);
        schedules.MapPost("/{idOrName}/pause", (string idOrName, HttpContext http, [AsParameters] Services services) => SetEnabledAsync(idOrName, false, http, services));
        schedules.MapPost("/{idOrName}/resume", (string idOrName, HttpContext http, [AsParameters] Services services) => SetEnabledAsync(idOrName, true, http, services));
        schedules.MapDelete("/{idOrName}", DeleteAsync);
        return app;
    }

    /// <summary>What every schedule route needs.</summary>
    private sealed record Services(ScheduleStore Schedules, ScriptStore Scripts, JobStore Jobs, ScheduleDispatcher Dispatcher, TimeProvider Clock);

    private static Task<IResult> CreateAsync(HttpContext http, [AsParameters] Services services) =>
        JsonBody.ReadAsync(http.Request, async body =>
        {
            var (draft, problem) = await ScheduleRequestParser.ParseAsync(body, null, services.Scripts);
            if (draft is null)
            {
                return problem!;
            }

            try
            {
                var schedule = await services.Schedules.CreateAsync(draft);
                services.Dispatcher.Wake();
                var created = await ResponseAsync(schedule, services);
                await http.AuditAsync("schedule.created", "schedule", schedule.Id, after: created);
                return TypedResults.Created($"/v1/schedules/{schedule.Id}", created);
            }
            catch (DuplicateScheduleNameException ex)
            {
                return ApiProblems.Conflict("name", ex.Message);
            }
        });

    private static async Task<IResult> ListAsync([AsParameters] Services services)
    {
        var shown = new List<ScheduleResponse>();
        foreach (var schedule in await services.Schedules.ListAsync())
        {
            shown.Add(await ResponseAsync(schedule, services));
        }

        return TypedResults.Ok(shown);
    }

    private static async Task<IResult> GetAsync(string idOrName, [AsParameters] Services services) =>
        await services.Schedules.FindAsync(idOrName) is { } schedule
            ? TypedResults.Ok(await ResponseAsync(schedule, services))
            : NotFound(idOrName);

    private static async Task<IResult> DeleteAsync(string idOrName, HttpContext http, [AsParameters] Services services)
    {
        if (await services.Schedules.FindAsync(idOrName) is not { } schedule)
        {
            return NotFound(idOrName);
        }

        var before = await ResponseAsync(schedule, services);
        if (!await services.Schedules.DeleteAsync(schedule.Id))
        {
            return NotFound(idOrName);
        }

        await http.AuditAsync("schedule.deleted", "schedule", schedule.Id, before: before);
        return TypedResults.NoContent();
    }

    private static Task<IResult> ChangeAsync(string idOrName, HttpContext http, [AsParameters] Services services) =>
        JsonBody.ReadAsync(http.Request, body =>
            EditAsync(idOrName, "schedule.updated", http, services, current => ScheduleRequestParser.ParseAsync(body, current, services.Scripts)));

    private static Task<IResult> SetEnabledAsync(string idOrName, bool enabled, HttpContext http, Services services) =>
        EditAsync(idOrName, enabled ? "schedule.resumed" : "schedule.paused", http, services,
            current => Task.FromResult<(ScheduleDraft?, IResult?)>((current.ToDraft() with { Enabled = enabled }, null)));

    /// <summary>Reads the schedule, makes the new definition from it, stores it fenced on what was read; reads again if a firing came between.</summary>
    private static async Task<IResult> EditAsync(
        string idOrName, string action, HttpContext http, Services services, Func<ScheduleRecord, Task<(ScheduleDraft? Draft, IResult? Problem)>> change)
    {
        for (var tries = 1; ; tries++)
        {
            if (await services.Schedules.FindAsync(idOrName) is not { } current)
            {
                return NotFound(idOrName);
            }

            var (draft, problem) = await change(current);
            if (draft is null)
            {
                return problem!;
            }

            try
            {
                if (await services.Schedules.UpdateAsync(current, draft) is { } updated)
                {
                    services.Dispatcher.Wake();
                    var after = await ResponseAsync(updated, services);
                    await http.AuditAsync(action, "schedule", updated.Id, await ResponseAsync(current, services), after);
                    return TypedResults.Ok(after);
                }
            }
            catch (DuplicateScheduleNameException ex)
            {
                return ApiProblems.Conflict("name", ex.Message);
            }

            if (tries == MaxEditTries)
            {
                return ApiProblems.Conflict("revision", $"the schedule '{idOrName}' kept changing while it was edited; try again");
            }
        }
    }

    private static Task<ScheduleResponse> ResponseAsync(ScheduleRecord schedule, Services services) =>
        ScheduleResponse.FromAsync(schedule, services.Scripts, services.Jobs, services.Clock.GetUtcNow());

    private static IResult NotFound(string idOrName) => ApiProblems.NotFound($"no schedule with id or name '{idOrName}'");
}
