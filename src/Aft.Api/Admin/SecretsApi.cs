using System.Text.RegularExpressions;
using Aft.Api.Audit;
using Aft.Api.Infrastructure;
using Aft.Api.Security;
using Aft.Grains.Security;

namespace Aft.Api.Admin;

public sealed record SecretResponse(string Name, DateTimeOffset UpdatedAt);

/// <summary>Secrets are write-only: values go in, only names come out.</summary>
public static partial class SecretsApi
{
    public static IEndpointRouteBuilder MapSecretsApiV1(this IEndpointRouteBuilder app)
    {
        var secrets = app.MapGroup("/v1/secrets").WithTags("Secrets").RequireApiKey(ApiKeyScopes.Admin);
        secrets.MapGet("/", async (SecretStore store) =>
            TypedResults.Ok((await store.ListAsync()).Select(secret => new SecretResponse(secret.Name, secret.UpdatedAt))));
        secrets.MapPut("/{name}", SetAsync);
        secrets.MapDelete("/{name}", async (string name, HttpContext http, SecretStore store) =>
        {
            if (!await store.DeleteAsync(name))
            {
                return ApiProblems.NotFound($"no secret named '{name}'");
            }

            await http.AuditAsync("secret.deleted", "secret", name);
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<IResult> SetAsync(string name, HttpContext http, SecretStore store)
    {
        if (!SecretName().IsMatch(name))
        {
            return ApiProblems.Invalid("name", "a secret name is 1 to 200 letters, digits, '.', '_' or '-'");
        }

        return await JsonBody.ReadAsync(http.Request, async body =>
        {
            IResult? problem;
            if (!body.TryGetString("value", out var value, out problem))
            {
                return problem!;
            }

            if (value is null)
            {
                return ApiProblems.Invalid("value", "'value' is required: the secret as a string");
            }

            await store.SetAsync(name, value);
            await http.AuditAsync("secret.set", "secret", name);
            return TypedResults.NoContent();
        });
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,200}$")]
    public static partial Regex SecretName();
}
