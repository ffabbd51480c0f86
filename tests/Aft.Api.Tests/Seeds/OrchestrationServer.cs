using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aft.Api.Tests.Seeds;

/// <summary>
/// The external workflow API of the product's integration page, on loopback: <c>POST /jobs/{id}/claim</c> answers
/// what to copy, <c>POST /jobs/{id}/report</c> records the outcome. Both demand the bearer token.
/// </summary>
public sealed class OrchestrationServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public OrchestrationServer(string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/jobs/{id}/claim", (string id, HttpRequest request) =>
            request.Headers.Authorization != $"Bearer {token}" ? Results.Unauthorized()
            : Claims.TryGetValue(id, out var claim) ? Results.Json(claim) : Results.NotFound());
        _app.MapPost("/jobs/{id}/report", async (string id, HttpRequest request) =>
        {
            if (request.Headers.Authorization != $"Bearer {token}")
            {
                return Results.Unauthorized();
            }

            using var reader = new StreamReader(request.Body);
            Reports[id] = await reader.ReadToEndAsync();
            return Results.Ok();
        });
    }

    public ConcurrentDictionary<string, object> Claims { get; } = new();

    public ConcurrentDictionary<string, string> Reports { get; } = new();

    public string BaseUrl => _app.Urls.First();

    public Task StartAsync() => _app.StartAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
