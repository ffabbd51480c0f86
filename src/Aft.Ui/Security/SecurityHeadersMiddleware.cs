using System.Security.Cryptography;
using Aft.Ui.Assets;

namespace Aft.Ui.Security;

/// <summary>
/// The UI's response headers: a Content-Security-Policy that runs only the UI's own scripts (and the import map, by
/// its hash), no framing, no MIME sniffing, no referrer. Styles come from the UI's files, or from a <c>&lt;style&gt;</c>
/// element carrying this response's nonce: the code editor builds its base styles so (CodeMirror's cspNonce).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, UiImportMap importMap)
{
    private const string NonceKey = "Aft.Ui.StyleNonce";

    private readonly string _policyBeforeNonce = string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' '{importMap.Hash}'",
        "style-src 'self' 'nonce-");

    private readonly string _policyAfterNonce = "'; " + string.Join("; ",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    /// <summary>This response's style nonce, for a page to hand to a script that makes <c>&lt;style&gt;</c> elements.</summary>
    public static string? StyleNonce(HttpContext http) => http.Items[NonceKey] as string;

    public Task InvokeAsync(HttpContext http)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = _policyBeforeNonce + nonce + _policyAfterNonce;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(http);
    }
}
