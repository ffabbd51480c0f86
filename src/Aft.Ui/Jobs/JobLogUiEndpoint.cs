using Aft.Api.Jobs;
using Aft.Ui.Security;

namespace Aft.Ui.Jobs;

public static class JobLogUiEndpoint
{
    /// <summary>
    /// <c>GET /ui/jobs/{id}/log</c>: the stream of <c>GET /v1/jobs/{id}/log</c> for a signed-in admin (the browser sends the
    /// session cookie, not an API key), with <c>job</c> events as the job changes, for the job page's live log.
    /// </summary>
    public static IEndpointRouteBuilder MapJobLogUi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ui/jobs/{id}/log", (string id, long? after, HttpContext http) =>
                JobLogStreaming.RespondAsync(http, id, after, limit: null, jobEvents: true))
            .WithMetadata(UiEndpoint.Marker).RequireAuthorization().ExcludeFromDescription();
        return app;
    }
}
