using Aft.Ui.Assets;

namespace Aft.Ui.Security;

/// <summary>
/// The UI's response headers: a Content-Security-Policy that runs only the UI's own scripts (and the import map, by
/// its hash), no framing, no MIME sniffing, no referrer.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, UiImportMap importMap)
{
    private readonly string _policy = string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' '{importMap.Hash}'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public Task InvokeAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = _policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(http);
    }
}
