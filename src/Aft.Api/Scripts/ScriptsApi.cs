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

    private static Task<IResult> CreateAsync(HttpRequest request, ScriptStore store) =>
        JsonBody.ReadAsync(request, async body =>
        {
            var problem = ScriptDraftParser.TryParse(body, null, out var draft);
            if (problem is not null)
            {
                return problem;
            }

            try
            {
                var script = await store.CreateAsync(draft);
                return TypedResults.Created($"/v1/scripts/{script.Id}", ScriptResponse.From(script));
            }
            catch (DuplicateScriptNameException ex)
            {
                return ApiProblems.Conflict("name", ex.Message);
            }
        });

    private static async Task<IResult> GetAsync(string id, ScriptStore store) =>
        await store.GetAsync(id) is { } script ? TypedResults.Ok(ScriptResponse.From(script)) : ApiProblems.NotFound($"no script with id '{id}'");

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, ScriptStore store)
    {
        var current = await store.GetAsync(id);
        if (current is null)
        {
            return ApiProblems.NotFound($"no script with id '{id}'");
        }

        return await JsonBody.ReadAsync(request, async body =>
        {
            var problem = ScriptDraftParser.TryParse(body, current, out var draft);
            if (problem is not null)
            {
                return problem;
            }

            try
            {
                return await store.UpdateAsync(id, draft) is { } updated
                    ? TypedResults.Ok(ScriptResponse.From(updated))
                    : ApiProblems.NotFound($"no script with id '{id}'");
            }
            catch (DuplicateScriptNameException ex)
            {
                return ApiProblems.Conflict("name", ex.Message);
            }
        });
    }

    private static async Task<IResult> DeleteAsync(string id, ScriptStore store) =>
        await store.DeleteAsync(id) ? TypedResults.NoContent() : ApiProblems.NotFound($"no script with id '{id}'");
}
