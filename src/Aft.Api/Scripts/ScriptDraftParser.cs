using System.Text.Json;
using Aft.Api.Infrastructure;
using Aft.Grains.Jobs;
using Aft.Grains.Scripts;

namespace Aft.Api.Scripts;

/// <summary>
/// Reads a script body: <c>{"name","description","code","retry":{…},"timeoutSeconds","maxConcurrency"}</c>.
/// On update, fields left out keep their current value.
/// </summary>
public static class ScriptDraftParser
{
    public const int MaxNameLength = 200;

    public static IResult? TryParse(JsonBody body, ScriptDefinition? current, out ScriptDraft draft)
    {
        draft = null!;
        if (!body.TryGetString("name", out var name, out var problem)
            || !body.TryGetString("description", out var description, out problem)
            || !body.TryGetString("code", out var code, out problem)
            || !body.TryGetInt("timeoutSeconds", 1, 7 * 24 * 3600, out var timeoutSeconds, out problem)
            || !body.TryGetInt("maxConcurrency", 0, 10_000, out var maxConcurrency, out problem))
        {
            return problem;
        }

        name = name?.Trim() ?? current?.Name;
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return ApiProblems.Invalid("name", $"'name' is required: 1 to {MaxNameLength} characters");
        }

        code ??= current?.Code;
        if (string.IsNullOrWhiteSpace(code))
        {
            return ApiProblems.Invalid("code", "'code' is required: the script's SyncJS source");
        }

        var syntaxError = SyntaxCheck(code);
        if (syntaxError is not null)
        {
            return ApiProblems.Invalid("code", syntaxError);
        }

        problem = TryParseRetry(body.Root, current?.Retry ?? RetryPolicy.None, out var retry);
        if (problem is not null)
        {
            return problem;
        }

        var timeout = timeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds)
            : body.Root.TryGetProperty("timeoutSeconds", out var explicitNull) && explicitNull.ValueKind == JsonValueKind.Null ? null
            : current?.Timeout;
        draft = new ScriptDraft(name, description ?? current?.Description ?? string.Empty, code, retry, timeout, maxConcurrency ?? current?.MaxConcurrency ?? 0);
        return null;
    }

    public static string? SyntaxCheck(string code)
    {
        try
        {
            Jint.Engine.PrepareScript(code);
            return null;
        }
        catch (Exception ex)
        {
            return Aft.Scripting.Runtime.ScriptErrors.Describe(ex);
        }
    }

    private static IResult? TryParseRetry(JsonElement root, RetryPolicy current, out RetryPolicy retry)
    {
        retry = current;
        if (!root.TryGetProperty("retry", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return ApiProblems.Invalid("retry", "'retry' must be an object: {maxAttempts, initialBackoffSeconds, backoffMultiplier, maxBackoffSeconds}");
        }

        double Read(string field, double fallback, double min, double max, ref IResult? problem)
        {
            if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return fallback;
            }

            if (value.ValueKind != JsonValueKind.Number || value.GetDouble() < min || value.GetDouble() > max)
            {
                problem ??= ApiProblems.Invalid($"retry.{field}", $"'retry.{field}' must be a number from {min} to {max}");
                return fallback;
            }

            return value.GetDouble();
        }

        IResult? problem = null;
        var attempts = Read("maxAttempts", current.MaxAttempts, 1, 100, ref problem);
        var initial = Read("initialBackoffSeconds", current.InitialBackoff.TotalSeconds, 0, 86_400, ref problem);
        var multiplier = Read("backoffMultiplier", current.Multiplier, 1, 10, ref problem);
        var max = Read("maxBackoffSeconds", current.MaxBackoff.TotalSeconds, 0, 7 * 86_400, ref problem);
        if (attempts != Math.Floor(attempts))
        {
            problem ??= ApiProblems.Invalid("retry.maxAttempts", "'retry.maxAttempts' must be a whole number");
        }

        retry = new RetryPolicy((int)attempts, TimeSpan.FromSeconds(initial), multiplier, TimeSpan.FromSeconds(Math.Max(max, initial)));
        return problem;
    }
}
