using Aft.Api.Audit;
using Aft.Api.Infrastructure;
using Aft.Api.Security;
using Aft.Grains.Scripts;
using Aft.Grains.Security;

namespace Aft.Api.Scripts;

public static class ScriptsApi
{
    public static IEndpointRouteBuilder MapScriptsApiV1(this IEndpointRouteBuilder app)
    {
        var scripts = app.MapGroup("/v1/scripts").WithTags("Scripts").RequireApiKey(ApiKeyScopes.Admin);
        scripts.MapPost("/", CreateAsync);
        scripts.MapGet("/", async (ScriptStore store) => TypedResults.Ok((await store.ListAsync()).Select(ScriptResponse.From)));
        scripts.MapGet("/{id}", GetAsync);
        scripts.MapPut("/{id}", UpdateAsync);
        scripts.MapDelete("/{id}", DeleteAsync);
        return app;
    }

    private static Task<IResult> CreateAsync(HttpContext http, ScriptStore store) =>
        JsonBody.ReadAsync(http.Request, async body =>
        {
            var problem = ScriptDraftParser.TryParse(body, null, out var draft);
            if (problem is not null)
            {
                return problem;
            }

            try
            {
                var script = ScriptResponse.From(await store.CreateAsync(draft));
                await http.AuditAsync("script.created", "script", script.Id, after: script);
                return TypedResults.Created($"/v1/scripts/{script.Id}", script);
            }
            catch (DuplicateScriptNameException ex)
            {
                return ApiProblems.Conflict("name", ex.Message);
            }
        });

    private static async Task<IResult> GetAsync(string id, ScriptStore store) =>
        await store.GetAsync(id) is { } script ? TypedResults.Ok(ScriptResponse.From(script)) : ApiProblems.NotFound($"no script with id '{id}'");

    private static async Task<IResult> UpdateAsync(string id, HttpContext http, ScriptStore store)
    {
        var current = await store.GetAsync(id);
        if (current is null)
        {
            return ApiProblems.NotFound($"no script with id '{id}'");
        }

        return await JsonBody.ReadAsync(http.Request, async body =>
        {
            var problem = ScriptDraftParser.TryParse(body, current, out var draft);
            if (problem is not null)
            {
                return problem;
            }

            try
            {
                if (await store.UpdateAsync(id, draft) is not { } updated)
                {
                    return ApiProblems.NotFound($"no script with id '{id}'");
                }

                var after = ScriptResponse.From(updated);
                await http.AuditAsync("script.updated", "script", id, ScriptResponse.From(current), after);
                return TypedResults.Ok(after);
            }
            catch (DuplicateScriptNameException ex)
            {
                return ApiProblems.Conflict("name", ex.Message);
            }
        });
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, ScriptStore store)
    {
        var current = await store.GetAsync(id);
        if (current is null || !await store.DeleteAsync(id))
        {
            return ApiProblems.NotFound($"no script with id '{id}'");
        }

        await http.AuditAsync("script.deleted", "script", id, before: ScriptResponse.From(current));
        return TypedResults.NoContent();
    }
}
