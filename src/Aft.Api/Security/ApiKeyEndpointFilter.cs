using Aft.Api.Infrastructure;

namespace Aft.Api.Security;

/// <summary>
/// Checks the <c>X-API-Key</c> header on every call of a route group: no key or an unknown key is 401; a
/// caller outside the key's IP allowlist, or a key without the group's scope, is 403.
/// </summary>
public sealed class ApiKeyEndpointFilter(string scope) : IEndpointFilter
{
    public const string HeaderName = "X-API-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            return ApiProblems.Unauthorized($"send an API key in the {HeaderName} header");
        }

        var (key, problem) = await ApiKeyCheck.CheckAsync(http, presented, scope);
        if (problem is not null)
        {
            return problem;
        }

        http.Items[typeof(AuthenticatedKey)] = key!;
        return await next(context);
    }
}

public static class ApiKeyEndpointFilterExtensions
{
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new ApiKeyEndpointFilter(scope));

    public static AuthenticatedKey ApiKey(this HttpContext context) => (AuthenticatedKey)context.Items[typeof(AuthenticatedKey)]!;
}
