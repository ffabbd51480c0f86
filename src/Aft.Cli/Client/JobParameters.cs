using System.Text.Json;
using Aft.Api.Jobs;

namespace Aft.Cli.Client;

/// <summary>
/// Reads <c>--params</c> before anything is sent or run: a JSON object (<c>{"character":"goofy"}</c>) or an array of
/// <c>{"name","value"}</c> objects (<c>[{"name":"job_id","value":"abc-123"}]</c>), by the REST API's rules
/// (<see cref="JobParams"/>). Gives one JSON object, the form <c>aft run</c> hands to the script runtime.
/// </summary>
public static class JobParameters
{
    public static string ToObjectJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "{}";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"--params is not valid JSON ({ex.Message}); give an object like '{{\"name\":\"value\"}}' in single quotes");
        }

        using (document)
        {
            return JobParams.TryNormalize(document.RootElement, "--params", out var json) is { } problem
                ? throw CliException.Usage(problem.Message)
                : json;
        }
    }
}
