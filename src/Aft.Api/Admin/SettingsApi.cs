using Aft.Api.Audit;
using Aft.Api.Infrastructure;
using Aft.Api.Security;
using Aft.Grains.Security;
using Aft.Grains.Settings;

namespace Aft.Api.Admin;

public static class SettingsApi
{
    public static IEndpointRouteBuilder MapSettingsApiV1(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/v1/settings").WithTags("Settings").RequireApiKey(ApiKeyScopes.Admin);
        settings.MapGet("/", async (SettingsStore store) => TypedResults.Ok(await store.GetAsync()));
        settings.MapPut("/", UpdateFromBodyAsync);
        return app;
    }

    private static Task<IResult> UpdateFromBodyAsync(HttpRequest request) =>
        JsonBody.ReadAsync(request, async body =>
            await UpdateAsync(request.HttpContext, body) is var (updated, problem) && updated is not null ? TypedResults.Ok(updated) : problem!);

    /// <summary>
    /// Changes the settings a body of <c>PUT /v1/settings</c> gives, the others keeping their value (the API's and the
    /// web UI's one way), and audits it. The settings now, or the problem.
    /// </summary>
    public static async Task<(AftSettings? Updated, IResult? Problem)> UpdateAsync(HttpContext http, JsonBody body)
    {
        IResult? problem;
        foreach (var property in body.Root.EnumerateObject())
        {
            if (property.Name is not ("allowCliRun" or "allowFilePathJobs"))
            {
                return (null, ApiProblems.Invalid(property.Name, $"unknown setting '{property.Name}'; settings are allowCliRun, allowFilePathJobs"));
            }
        }

        if (!body.TryGetBool("allowCliRun", out var allowCliRun, out problem)
            || !body.TryGetBool("allowFilePathJobs", out var allowFilePathJobs, out problem))
        {
            return (null, problem);
        }

        var store = http.RequestServices.GetRequiredService<SettingsStore>();
        var current = await store.GetAsync();
        var updated = current with
        {
            AllowCliRun = allowCliRun ?? current.AllowCliRun,
            AllowFilePathJobs = allowFilePathJobs ?? current.AllowFilePathJobs,
        };
        await store.SaveAsync(updated);
        await http.AuditAsync("settings.updated", "settings", null, current, updated);
        return (updated, null);
    }
}
