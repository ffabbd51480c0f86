using Microsoft.Net.Http.Headers;

namespace Aft.Ui.Assets;

public static class UiAssetsEndpoint
{
    /// <summary><c>GET /ui/assets/{path}</c>: a file of <see cref="UiAssets"/>; open to all (the sign-in page needs its styles), as it holds nothing secret.</summary>
    public static IEndpointRouteBuilder MapUiAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet(UiAssets.PathPrefix + "/{**path}", (string path, HttpContext http, UiAssets assets) =>
        {
            if (!assets.TryGet(path, out var asset))
            {
                return Results.NotFound();
            }

            var headers = http.Response.GetTypedHeaders();
            headers.ETag = asset.ETag;
            headers.CacheControl = http.Request.Query.ContainsKey("v")
                ? new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } }
                : new CacheControlHeaderValue { NoCache = true };
            if (http.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(asset.ETag, useStrongComparison: false)))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(asset.Content, asset.ContentType);
        }).ExcludeFromDescription();
        return app;
    }
}
