using System.Text.Json;
using Aft.Api.Infrastructure;
using Aft.Api.Jobs;
using Aft.Grains.Schedules;
using Aft.Grains.Scripts;

namespace Aft.Api.Schedules;

/// <summary>
/// Reads a schedule body: <c>{"name", "scriptName" | "scriptId", "params", "cron", "timeZone", "enabled", "overlap",
/// "catchUp"}</c>. Given the current schedule (PUT, PATCH), fields left out keep their value; without one (POST),
/// they take their defaults: UTC, enabled, overlap <c>skip</c>, catch-up <c>none</c>, no params.
/// </summary>
public static class ScheduleRequestParser
{
    public const int MaxNameLength = 200;

    private static readonly string[] KnownFields = ["name", "scriptName", "scriptId", "params", "cron", "timeZone", "enabled", "overlap", "catchUp"];

    public static async Task<(ScheduleDraft? Draft, IResult? Problem)> ParseAsync(JsonBody body, ScheduleRecord? current, ScriptStore scripts)
    {
        foreach (var property in body.Root.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name, StringComparer.Ordinal))
            {
                return (null, ApiProblems.Invalid(property.Name, $"unknown field '{property.Name}'; a schedule takes {string.Join(", ", KnownFields)}"));
            }
        }

        if (!body.TryGetString("name", out var name, out var problem)
            || !body.TryGetString("scriptName", out var scriptName, out problem)
            || !body.TryGetString("scriptId", out var scriptId, out problem)
            || !body.TryGetString("cron", out var cron, out problem)
            || !body.TryGetString("timeZone", out var timeZone, out problem)
            || !body.TryGetBool("enabled", out var enabled, out problem)
            || !body.TryGetString("overlap", out var overlapName, out problem)
            || !body.TryGetString("catchUp", out var catchUpName, out problem))
        {
            return (null, problem);
        }

        name = name?.Trim() ?? current?.Name;
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return (null, ApiProblems.Invalid("name", $"'name' is required: 1 to {MaxNameLength} characters"));
        }

        if (scriptName is not null && scriptId is not null)
        {
            return (null, ApiProblems.Invalid("scriptId", "give one of 'scriptName' or 'scriptId', not both"));
        }

        var script = scriptId is not null ? await scripts.GetAsync(scriptId)
            : scriptName is not null ? await scripts.FindByNameAsync(scriptName)
            : null;
        if (script is null && (scriptId ?? scriptName) is { } wanted)
        {
            var field = scriptId is not null ? "scriptId" : "scriptName";
            return (null, ApiProblems.Invalid(field, $"no script with {field} '{wanted}'"));
        }

        var resolvedScriptId = script?.Id ?? current?.ScriptId;
        if (resolvedScriptId is null)
        {
            return (null, ApiProblems.Invalid("scriptName", "'scriptName' or 'scriptId' is required: the script the schedule runs"));
        }

        var paramsJson = current?.ParamsJson ?? "{}";
        if (body.Root.TryGetProperty("params", out var parameters))
        {
            if (JobParams.TryNormalize(parameters, "params", out paramsJson) is { } invalid)
            {
                return (null, ApiProblems.Invalid(invalid.Field, invalid.Message));
            }
        }

        cron = cron?.Trim() ?? current?.Cron;
        if (string.IsNullOrEmpty(cron))
        {
            return (null, ApiProblems.Invalid("cron", "'cron' is required: 5 fields (minute hour day month weekday), or 6 with seconds first"));
        }

        timeZone = timeZone?.Trim() ?? current?.TimeZone ?? "UTC";
        if (CronSchedule.TryParse(cron, timeZone, out _) is { } bad)
        {
            return (null, ApiProblems.Invalid(bad.Field, bad.Message));
        }

        if (!TryMode(overlapName, "overlap", current?.Overlap ?? ScheduleOverlap.Skip, out var overlap, out problem)
            || !TryMode(catchUpName, "catchUp", current?.CatchUp ?? ScheduleCatchUp.None, out var catchUp, out problem))
        {
            return (null, problem);
        }

        return (new ScheduleDraft(name, resolvedScriptId, paramsJson, cron, timeZone, enabled ?? current?.Enabled ?? true, overlap, catchUp), null);
    }

    private static bool TryMode<T>(string? name, string field, T fallback, out T mode, out IResult? problem) where T : struct, Enum
    {
        problem = null;
        mode = fallback;
        if (name is null || ScheduleModeNames.TryParse(name, out mode))
        {
            return true;
        }

        problem = ApiProblems.Invalid(field, $"'{field}' must be one of {string.Join(", ", ScheduleModeNames.Names<T>())}");
        return false;
    }
}
