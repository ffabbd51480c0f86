using Aft.Api.Audit;
using Aft.Api.Infrastructure;
using Aft.Api.Security;
using Aft.Grains.Security;

namespace Aft.Api.Admin;

/// <summary>
/// A key as the API shows it; a rate limit that is null takes the configured default (<c>Aft:RateLimits</c>);
/// <c>lastUsedAt</c> is when a request last passed its key check, to the minute, null if never.
/// </summary>
public sealed record ApiKeyResponse(
    string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, IReadOnlyList<string> AllowedIps, DateTimeOffset CreatedAt,
    int? SubmitsPerSecond, int? SubmitBurst, int? ReadsPerSecond, int? ReadBurst, DateTimeOffset? LastUsedAt)
{
    public static ApiKeyResponse From(ApiKeyRecord key) => new(key.Id, key.Name, key.Prefix, key.Scopes, key.AllowedIps, key.CreatedAt,
        key.Limits.SubmitsPerSecond, key.Limits.SubmitBurst, key.Limits.ReadsPerSecond, key.Limits.ReadBurst, key.LastUsedAt);
}

/// <summary>The one answer that carries a key in clear: its creation.</summary>
public sealed record CreatedApiKeyResponse(
    string Id, string Name, string Key, IReadOnlyList<string> Scopes, IReadOnlyList<string> AllowedIps, DateTimeOffset CreatedAt,
    int? SubmitsPerSecond, int? SubmitBurst, int? ReadsPerSecond, int? ReadBurst)
{
    public static CreatedApiKeyResponse From(ApiKeyRecord record, string key) => new(record.Id, record.Name, key, record.Scopes, record.AllowedIps, record.CreatedAt,
        record.Limits.SubmitsPerSecond, record.Limits.SubmitBurst, record.Limits.ReadsPerSecond, record.Limits.ReadBurst);
}

public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApiV1(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/v1/apikeys").WithTags("API keys").RequireApiKey(ApiKeyScopes.Admin);
        keys.MapPost("/", CreateFromBodyAsync);
        keys.MapGet("/", async (ApiKeyStore store) => TypedResults.Ok((await store.ListAsync()).Select(ApiKeyResponse.From)));
        keys.MapPatch("/{id}", UpdateAsync);
        keys.MapDelete("/{id}", async (string id, HttpContext http) => await RevokeAsync(http, id) ?? Results.NoContent());
        return app;
    }

    /// <summary>Revokes a key (the API's and the web UI's one way): deletes it, drops it from this node's cache, audits. Null when done, else the problem.</summary>
    public static async Task<IResult?> RevokeAsync(HttpContext http, string id)
    {
        var store = http.RequestServices.GetRequiredService<ApiKeyStore>();
        var cache = http.RequestServices.GetRequiredService<ApiKeyCache>();
        var revoked = await store.GetAsync(id);
        var deleted = await store.DeleteAsync(id);
        cache.Invalidate();
        await cache.ReloadAsync();
        if (!deleted)
        {
            return ApiProblems.NotFound($"no API key with id '{id}'");
        }

        await http.AuditAsync("apiKey.revoked", "apiKey", id, before: revoked is null ? null : ApiKeyResponse.From(revoked));
        return null;
    }

    private static Task<IResult> CreateFromBodyAsync(HttpRequest request) =>
        JsonBody.ReadAsync(request, async body =>
            await CreateAsync(request.HttpContext, body) is var (created, problem) && created is not null
                ? TypedResults.Created($"/v1/apikeys/{created.Id}", created)
                : problem!);

    /// <summary>
    /// Creates the key a body of <c>POST /v1/apikeys</c> describes (the API's and the web UI's one way): name, scopes,
    /// IP allowlist (loopback only when left out), rate limits; audits it. The key in clear, this once, or the problem.
    /// </summary>
    public static async Task<(CreatedApiKeyResponse? Created, IResult? Problem)> CreateAsync(HttpContext http, JsonBody body)
    {
        IResult? problem;
        if (!body.TryGetString("name", out var name, out problem)
            || !body.TryGetStringArray("scopes", out var scopes, out problem)
            || !body.TryGetStringArray("allowedIps", out var allowedIps, out problem))
        {
            return (null, problem);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return (null, ApiProblems.Invalid("name", "'name' is required: 1 to 200 characters"));
        }

        if (scopes is null || scopes.Length == 0 || scopes.FirstOrDefault(scope => !ApiKeyScopes.IsKnown(scope)) is { } unknown && unknown is not null)
        {
            return (null, ApiProblems.Invalid("scopes", $"'scopes' must list one or more of {string.Join(", ", ApiKeyScopes.All)}"));
        }

        allowedIps ??= [.. IpAllowList.LoopbackOnly];
        if (!IpAllowList.TryParse(allowedIps, out _, out var invalid))
        {
            return (null, ApiProblems.Invalid("allowedIps", $"'{invalid}' is not an IP address or CIDR range"));
        }

        if (ApiKeyLimitsParser.TryRead(body, ApiKeyLimits.None, out var limits) is { } invalidLimit)
        {
            return (null, invalidLimit);
        }

        var (record, key) = await http.RequestServices.GetRequiredService<ApiKeyStore>().CreateAsync(name.Trim(), [.. scopes.Distinct()], allowedIps, limits);
        http.RequestServices.GetRequiredService<ApiKeyCache>().Invalidate();
        await http.AuditAsync("apiKey.created", "apiKey", record.Id, after: ApiKeyResponse.From(record));
        return (CreatedApiKeyResponse.From(record, key), null);
    }

    /// <summary>Sets a key's rate limits (the fields <see cref="ApiKeyLimitsParser"/> reads); the others stay as they were.</summary>
    private static Task<IResult> UpdateAsync(string id, HttpContext http, ApiKeyStore store, ApiKeyCache cache) =>
        JsonBody.ReadAsync(http.Request, async body =>
        {
            if (!ApiKeyLimitsParser.Mentions(body))
            {
                return ApiProblems.Invalid("body", "give one or more of submitsPerSecond, submitBurst, readsPerSecond, readBurst");
            }

            var current = await store.GetAsync(id);
            if (current is null)
            {
                return ApiProblems.NotFound($"no API key with id '{id}'");
            }

            if (ApiKeyLimitsParser.TryRead(body, current.Limits, out var limits) is { } problem)
            {
                return problem;
            }

            var updated = await store.SetLimitsAsync(id, limits);
            cache.Invalidate();
            await cache.ReloadAsync();
            if (updated is null)
            {
                return ApiProblems.NotFound($"no API key with id '{id}'");
            }

            var after = ApiKeyResponse.From(updated);
            await http.AuditAsync("apiKey.updated", "apiKey", id, ApiKeyResponse.From(current), after);
            return TypedResults.Ok(after);
        });
}
