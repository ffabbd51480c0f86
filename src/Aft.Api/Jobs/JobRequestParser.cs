using System.Security.Cryptography;
using System.Text;
using Aft.Api.Infrastructure;
using Aft.Grains.Jobs;

namespace Aft.Api.Jobs;

/// <summary>
/// Reads a <c>POST /v1/jobs</c> body: exactly one of <c>scriptId</c>, <c>scriptName</c>, <c>filePath</c>, and
/// <c>params</c> either as an object (<c>{"job_id":"abc-123"}</c>) or as an array of <c>{"name","value"}</c> (<see cref="JobParams"/>).
/// </summary>
public static class JobRequestParser
{
    private static readonly string[] KnownFields = ["scriptId", "scriptName", "filePath", "params"];

    public static IResult? TryParse(JsonBody body, out (string? ScriptId, string? ScriptName, string? FilePath, string ParamsJson) request)
    {
        request = default;
        foreach (var property in body.Root.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name, StringComparer.Ordinal))
            {
                return ApiProblems.Invalid(property.Name, $"unknown field '{property.Name}'; a job takes {string.Join(", ", KnownFields)}");
            }
        }

        if (!body.TryGetString("scriptId", out var scriptId, out var problem)
            || !body.TryGetString("scriptName", out var scriptName, out problem)
            || !body.TryGetString("filePath", out var filePath, out problem))
        {
            return problem;
        }

        var given = new[] { ("scriptId", scriptId), ("scriptName", scriptName), ("filePath", filePath) }
            .Where(field => field.Item2 is not null).ToArray();
        if (given.Length != 1)
        {
            var field = given.Length == 0 ? "scriptId" : given[1].Item1;
            return ApiProblems.Invalid(field, "give exactly one of 'scriptId', 'scriptName' or 'filePath'");
        }

        if (given[0].Item2!.Trim().Length == 0)
        {
            return ApiProblems.Invalid(given[0].Item1, $"'{given[0].Item1}' must not be empty");
        }

        if (JobParams.TryNormalize(body.Root.TryGetProperty("params", out var parameters) ? parameters : null, "params", out var paramsJson) is { } invalid)
        {
            return ApiProblems.Invalid(invalid.Field, invalid.Message);
        }

        request = (scriptId, scriptName, filePath, paramsJson);
        return null;
    }

    /// <summary>A stable fingerprint of the request, to recognise a retry under the same idempotency key.</summary>
    public static string Fingerprint(string? scriptId, string? scriptName, string? filePath, string paramsJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{scriptId}\n{scriptName?.ToUpperInvariant()}\n{filePath}\n{paramsJson}")));
}
