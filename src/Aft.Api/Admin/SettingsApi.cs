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
        settings.MapPut("/", UpdateAsync);
        return app;
    }

    /// <summary>Changes the settings given in the body; the others keep their value.</summary>
    private static Task<IResult> UpdateAsync(HttpContext http, SettingsStore store) =>
        JsonBody.ReadAsync(http.Request, async body =>
        {
            IResult? problem;
            foreach (var property in body.Root.EnumerateObject())
            {
                if (property.Name is not ("allowCliRun" or "allowFilePathJobs"))
                {
                    return ApiProblems.Invalid(property.Name, $"unknown setting '{property.Name}'; settings are allowCliRun, allowFilePathJobs");
                }
            }

            if (!body.TryGetBool("allowCliRun", out var allowCliRun, out problem)
                || !body.TryGetBool("allowFilePathJobs", out var allowFilePathJobs, out problem))
            {
                return problem!;
            }

            var current = await store.GetAsync();
            var updated = current with
            {
                AllowCliRun = allowCliRun ?? current.AllowCliRun,
                AllowFilePathJobs = allowFilePathJobs ?? current.AllowFilePathJobs,
            };
            await store.SaveAsync(updated);
            await http.AuditAsync("settings.updated", "settings", null, current, updated);
            return TypedResults.Ok(updated);
        });
}
