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
        secrets.MapPut("/{name}", SetFromBodyAsync);
        secrets.MapDelete("/{name}", async (string name, HttpContext http) => await DeleteAsync(http, name) ?? Results.NoContent());
        return app;
    }

    /// <summary>Sets a secret (the API's and the web UI's one way): checks the name and value, stores, audits. Null when done, else the problem.</summary>
    public static async Task<IResult?> SetAsync(HttpContext http, string name, string? value)
    {
        if (!SecretName().IsMatch(name))
        {
            return ApiProblems.Invalid("name", "a secret name is 1 to 200 letters, digits, '.', '_' or '-'");
        }

        if (value is null)
        {
            return ApiProblems.Invalid("value", "'value' is required: the secret as a string");
        }

        await http.RequestServices.GetRequiredService<SecretStore>().SetAsync(name, value);
        await http.AuditAsync("secret.set", "secret", name);
        return null;
    }

    /// <summary>Deletes a secret and audits it. Null when done, else the problem (there is no such secret).</summary>
    public static async Task<IResult?> DeleteAsync(HttpContext http, string name)
    {
        if (!await http.RequestServices.GetRequiredService<SecretStore>().DeleteAsync(name))
        {
            return ApiProblems.NotFound($"no secret named '{name}'");
        }

        await http.AuditAsync("secret.deleted", "secret", name);
        return null;
    }

    private static Task<IResult> SetFromBodyAsync(string name, HttpContext http) =>
        JsonBody.ReadAsync(http.Request, async body =>
            !body.TryGetString("value", out var value, out var problem) ? problem! : await SetAsync(http, name, value) ?? TypedResults.NoContent());

    [GeneratedRegex("^[A-Za-z0-9._-]{1,200}$")]
    public static partial Regex SecretName();
}
