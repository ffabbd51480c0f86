using Aft.Api.Audit;
using Aft.Api.Infrastructure;
using Aft.Api.Security;
using Aft.Grains.Security;
using Aft.Grains.Vfs;
using Aft.Scripting;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Connections;

namespace Aft.Api.Vfs;

public static class VfsApi
{
    public static IEndpointRouteBuilder MapVfsApiV1(this IEndpointRouteBuilder app)
    {
        var vfs = app.MapGroup("/v1/vfs").WithTags("VFS Library").RequireApiKey(ApiKeyScopes.Admin);
        vfs.MapPost("/", (HttpRequest request) => SaveFromBodyAsync(request, null));
        vfs.MapPut("/{name}", (string name, HttpRequest request) => SaveFromBodyAsync(request, name));
        vfs.MapGet("/", async (VfsStore store) => TypedResults.Ok((await store.ListAsync()).Select(VfsResponse.From)));
        vfs.MapGet("/{name}", async (string name, VfsStore store) =>
            await store.GetAsync(name) is { } record ? Results.Ok(VfsResponse.From(record)) : ApiProblems.NotFound($"no VFS named '{name}'"));
        vfs.MapDelete("/{name}", async (string name, HttpContext http) => await DeleteAsync(http, name) ?? TypedResults.NoContent());
        vfs.MapPost("/{name}/test", async (string name, HttpContext http) =>
            await TestAsync(http, name) is var (result, problem) && result is not null ? (IResult)TypedResults.Ok(result) : problem!);
        vfs.MapGet("/{name}/health", HealthAsync);
        return app;
    }

    /// <summary>POST creates (409 when the name is taken); PUT creates or replaces.</summary>
    private static Task<IResult> SaveFromBodyAsync(HttpRequest request, string? routeName) =>
        JsonBody.ReadAsync(request, async body =>
        {
            var (saved, created, problem) = await SaveAsync(request.HttpContext, body, routeName);
            if (problem is not null)
            {
                return problem;
            }

            return created
                ? TypedResults.Created($"/v1/vfs/{Uri.EscapeDataString(saved!.Name)}", saved)
                : TypedResults.Ok(saved);
        });

    /// <summary>
    /// Saves the VFS Library entry a body of <c>POST /v1/vfs</c> (<paramref name="routeName"/> null: create only) or
    /// <c>PUT /v1/vfs/{name}</c> describes (the API's and the web UI's one way): the same parser, rules and audit entry.
    /// The entry as saved and whether it is new, or the problem.
    /// </summary>
    public static async Task<(VfsResponse? Saved, bool Created, IResult? Problem)> SaveAsync(HttpContext http, JsonBody body, string? routeName)
    {
        var store = http.RequestServices.GetRequiredService<VfsStore>();
        var (definition, invalid) = await VfsDefinitionParser.ParseAsync(
            body, routeName, http.RequestServices.GetRequiredService<VfsBackendFactory>(), http.RequestServices.GetRequiredService<SecretStore>());
        if (definition is null)
        {
            return (null, false, invalid);
        }

        var before = await store.GetAsync(definition.Name);
        if (routeName is null && before is not null)
        {
            return (null, false, ApiProblems.Conflict("name", $"a VFS named '{definition.Name}' already exists (names are compared case-insensitively)"));
        }

        var created = await store.SaveAsync(definition);
        var saved = VfsResponse.From((await store.GetAsync(definition.Name))!);
        await http.AuditAsync(created ? "vfs.created" : "vfs.updated", "vfs", saved.Name, before is null ? null : VfsResponse.From(before), saved);
        return (saved, created, null);
    }

    /// <summary>Deletes a VFS Library entry and audits it. Null when done, else the problem (there is no such entry).</summary>
    public static async Task<IResult?> DeleteAsync(HttpContext http, string name)
    {
        var store = http.RequestServices.GetRequiredService<VfsStore>();
        var current = await store.GetAsync(name);
        if (current is null || !await store.DeleteAsync(name))
        {
            return ApiProblems.NotFound($"no VFS named '{name}'");
        }

        await http.AuditAsync("vfs.deleted", "vfs", current.Definition.Name, before: VfsResponse.From(current));
        return null;
    }

    /// <summary>
    /// <c>POST /v1/vfs/{name}/test</c> (the API's and the web UI's one way): opens the stored entry with its credentials
    /// and lists its root. The result (a storage that cannot be reached is <c>ok: false</c>), or the problem (no such entry).
    /// </summary>
    public static async Task<(VfsTestResponse? Result, IResult? Problem)> TestAsync(HttpContext http, string name)
    {
        if (http.RequestServices.GetRequiredService<VfsStore>().Find(name) is not { } definition)
        {
            return (null, ApiProblems.NotFound($"no VFS named '{name}'"));
        }

        return (await ProbeAsync(definition, http.RequestServices.GetRequiredService<VfsBackendFactory>(),
            http.RequestServices.GetRequiredService<SecretStore>(), http.RequestAborted), null);
    }

    /// <summary>
    /// The endpoint's health cluster-wide (leases, failures, circuit state) and this node's pooled connections to it.
    /// A local VFS has no endpoint: its health says so.
    /// </summary>
    private static async Task<IResult> HealthAsync(string name, VfsStore store, VfsBackendFactory backends, IEndpointGate gate, VfsConnectionPools pools)
    {
        if (store.Find(name) is not { } definition)
        {
            return ApiProblems.NotFound($"no VFS named '{name}'");
        }

        if (backends.EndpointOf(definition) is not { } endpoint)
        {
            return TypedResults.Ok(new VfsHealthResponse(definition.Name, definition.Type, null, "local", 0, 0, 0, 0, null, null, null, null, 0, 0));
        }

        var health = await gate.GetHealthAsync(endpoint);
        var (open, idle) = pools.CountFor(endpoint);
        return TypedResults.Ok(new VfsHealthResponse(definition.Name, definition.Type, health.Endpoint, health.State, health.OpenLeases,
            health.MaxConnections, health.Waiting, health.ConsecutiveFailures, health.LastError, health.LastErrorAt, health.LastConnectedAt,
            health.RetryAt, open, idle));
    }

    /// <summary>
    /// Opens <paramref name="definition"/> with its credentials and lists its root; a storage that cannot be reached
    /// is an answer (<c>ok: false</c> and why), not an error. Shared by POST /v1/vfs/{name}/test and <c>aft vfs test</c>.
    /// </summary>
    public static async Task<VfsTestResponse> ProbeAsync(VfsDefinition definition, VfsBackendFactory backends, ISecretReader secrets, CancellationToken cancellationToken)
    {
        try
        {
            using var backend = backends.Create(definition, secrets);
            var entries = await backend.ListAsync("/", cancellationToken);
            return new VfsTestResponse(definition.Name, true, entries.Count, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or InvalidOperationException)
        {
            return new VfsTestResponse(definition.Name, false, null, ex.Message);
        }
    }
}
