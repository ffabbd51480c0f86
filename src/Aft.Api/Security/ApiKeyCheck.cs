using Aft.Api.Infrastructure;
using Aft.Grains.Security;

namespace Aft.Api.Security;

/// <summary>
/// What a key presented on a request is worth, wherever it was presented: unknown is 401; a caller outside the key's IP
/// allowlist, or a key without the scope asked for, is 403.
/// </summary>
public static class ApiKeyCheck
{
    /// <returns>The key, or the problem to answer with instead.</returns>
    public static async ValueTask<(AuthenticatedKey? Key, IResult? Problem)> CheckAsync(HttpContext http, string presented, string scope)
    {
        var key = await http.RequestServices.GetRequiredService<ApiKeyCache>().FindAsync(presented);
        if (key is null)
        {
            return (null, ApiProblems.Unauthorized("the API key is not valid"));
        }

        if (!key.AllowList.Allows(http.Connection.RemoteIpAddress))
        {
            return (null, ApiProblems.Forbidden($"the API key '{key.Record.Name}' may not be used from {http.Connection.RemoteIpAddress}"));
        }

        if (!key.Record.HasScope(scope))
        {
            return (null, ApiProblems.Forbidden($"the API key '{key.Record.Name}' lacks the '{scope}' scope"));
        }

        http.RequestServices.GetRequiredService<ApiKeyStore>().RecordUse(key.Record.Id);
        return (key, null);
    }
}
