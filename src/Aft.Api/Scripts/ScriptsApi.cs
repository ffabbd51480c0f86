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
        scripts.MapPost("/", (Delegate)CreateFromBodyAsync);
        scripts.MapGet("/", async (ScriptStore store) => TypedResults.Ok((await store.ListAsync()).Select(ScriptResponse.From)));
        scripts.MapGet("/{id}", GetAsync);
        scripts.MapPut("/{id}", UpdateFromBodyAsync);
        scripts.MapDelete("/{id}", async (string id, HttpContext http) => await DeleteAsync(http, id) ?? TypedResults.NoContent());
        return app;
    }

    /// <summary>
    /// Creates a script from a body of <c>POST /v1/scripts</c> (the API's and the web UI's one way): the same parser,
    /// syntax check and audit entry. The script, or the problem (nothing is stored then).
    /// </summary>
    public static async Task<(ScriptResponse? Script, IResult? Problem)> CreateAsync(HttpContext http, JsonBody body)
    {
        var problem = ScriptDraftParser.TryParse(body, null, out var draft);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            var script = ScriptResponse.From(await http.RequestServices.GetRequiredService<ScriptStore>().CreateAsync(draft));
            await http.AuditAsync("script.created", "script", script.Id, after: script);
            return (script, null);
        }
        catch (DuplicateScriptNameException ex)
        {
            return (null, ApiProblems.Conflict("name", ex.Message));
        }
    }

    /// <summary>
    /// Stores a body of <c>PUT /v1/scripts/{id}</c> as the script's next version (fields left out keep their value), audited
    /// with the version before and after. The new version, or the problem (nothing is stored then).
    /// </summary>
    public static async Task<(ScriptResponse? Script, IResult? Problem)> UpdateAsync(HttpContext http, string id, JsonBody body)
    {
        var store = http.RequestServices.GetRequiredService<ScriptStore>();
        var current = await store.GetAsync(id);
        if (current is null)
        {
            return (null, ApiProblems.NotFound($"no script with id '{id}'"));
        }

        var problem = ScriptDraftParser.TryParse(body, current, out var draft);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            if (await store.UpdateAsync(id, draft) is not { } updated)
            {
                return (null, ApiProblems.NotFound($"no script with id '{id}'"));
            }

            var after = ScriptResponse.From(updated);
            await http.AuditAsync("script.updated", "script", id, ScriptResponse.From(current), after);
            return (after, null);
        }
        catch (DuplicateScriptNameException ex)
        {
            return (null, ApiProblems.Conflict("name", ex.Message));
        }
    }

    /// <summary>Deletes a script (its versions stay for the jobs that ran them) and audits it. Null when done, else the problem.</summary>
    public static async Task<IResult?> DeleteAsync(HttpContext http, string id)
    {
        var store = http.RequestServices.GetRequiredService<ScriptStore>();
        var current = await store.GetAsync(id);
        if (current is null || !await store.DeleteAsync(id))
        {
            return ApiProblems.NotFound($"no script with id '{id}'");
        }

        await http.AuditAsync("script.deleted", "script", id, before: ScriptResponse.From(current));
        return null;
    }

    private static Task<IResult> CreateFromBodyAsync(HttpContext http) =>
        JsonBody.ReadAsync(http.Request, async body => await CreateAsync(http, body) switch
        {
            ({ } script, _) => TypedResults.Created($"/v1/scripts/{script.Id}", script),
            (_, var problem) => problem!,
        });

    private static async Task<IResult> GetAsync(string id, ScriptStore store) =>
        await store.GetAsync(id) is { } script ? TypedResults.Ok(ScriptResponse.From(script)) : ApiProblems.NotFound($"no script with id '{id}'");

    private static Task<IResult> UpdateFromBodyAsync(string id, HttpContext http) =>
        JsonBody.ReadAsync(http.Request, async body => await UpdateAsync(http, id, body) switch
        {
            ({ } script, _) => TypedResults.Ok(script),
            (_, var problem) => problem!,
        });
}
