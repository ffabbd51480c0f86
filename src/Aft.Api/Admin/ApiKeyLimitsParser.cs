using Aft.Api.Infrastructure;
using Aft.Grains.Security;

namespace Aft.Api.Admin;

/// <summary>
/// Reads an API key's rate-limit fields (<c>submitsPerSecond</c>, <c>submitBurst</c>, <c>readsPerSecond</c>,
/// <c>readBurst</c>) from a create or update body: a field left out keeps its value, <c>null</c> returns it to the
/// configured default, a number from 1 to <see cref="ApiKeyLimits.Max"/> sets it.
/// </summary>
public static class ApiKeyLimitsParser
{
    public static IResult? TryRead(JsonBody body, ApiKeyLimits current, out ApiKeyLimits limits)
    {
        limits = current;
        IResult? problem;
        if (!TryField(body, "submitsPerSecond", current.SubmitsPerSecond, out var submitsPerSecond, out problem)
            || !TryField(body, "submitBurst", current.SubmitBurst, out var submitBurst, out problem)
            || !TryField(body, "readsPerSecond", current.ReadsPerSecond, out var readsPerSecond, out problem)
            || !TryField(body, "readBurst", current.ReadBurst, out var readBurst, out problem))
        {
            return problem;
        }

        limits = new ApiKeyLimits(submitsPerSecond, submitBurst, readsPerSecond, readBurst);
        return null;
    }

    /// <summary>Whether the body sets any of the fields.</summary>
    public static bool Mentions(JsonBody body) =>
        new[] { "submitsPerSecond", "submitBurst", "readsPerSecond", "readBurst" }.Any(field => body.Root.TryGetProperty(field, out _));

    private static bool TryField(JsonBody body, string field, int? current, out int? value, out IResult? problem)
    {
        value = current;
        problem = null;
        if (!body.Root.TryGetProperty(field, out _))
        {
            return true;
        }

        return body.TryGetInt(field, 1, ApiKeyLimits.Max, out value, out problem);
    }
}
