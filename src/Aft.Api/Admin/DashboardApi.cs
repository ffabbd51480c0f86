using System.Text;
using Aft.Api.Security;
using Aft.Grains.Security;
using Microsoft.Net.Http.Headers;
using Orleans.Dashboard;

namespace Aft.Api.Admin;

public static class DashboardApi
{
    private const string BasicScheme = "Basic";

    /// <summary>
    /// Orleans' dashboard (silos, grains, calls) at <see cref="AftDashboardOptions.Path"/>, for admin keys only. Every
    /// request under the path is checked, the dashboard's own calls and files included: the key comes in the
    /// <c>X-API-Key</c> header, or, from a browser, as the password of HTTP Basic authentication (any user name), which
    /// the browser asks for once and then sends with each request.
    /// </summary>
    public static WebApplication MapAftDashboard(this WebApplication app, AftDashboardOptions options)
    {
        if (!options.Enabled)
        {
            return app;
        }

        app.UseWhen(http => http.Request.Path.StartsWithSegments(options.Path), branch => branch.Use(RequireAdminKeyAsync));
        app.MapOrleansDashboard(options.Path);
        return app;
    }

    private static async Task RequireAdminKeyAsync(HttpContext http, RequestDelegate next)
    {
        var (_, problem) = PresentedKey(http.Request) is { } presented
            ? await ApiKeyCheck.CheckAsync(http, presented, ApiKeyScopes.Admin)
            : (null, Infrastructure.ApiProblems.Unauthorized($"sign in with an admin API key as the password, or send it in the {ApiKeyEndpointFilter.HeaderName} header"));
        if (problem is null)
        {
            await next(http);
            return;
        }

        // Asks a browser for the key again (an unknown key included); a 403 is final.
        http.Response.OnStarting(() =>
        {
            if (http.Response.StatusCode == StatusCodes.Status401Unauthorized)
            {
                http.Response.Headers.WWWAuthenticate = $"{BasicScheme} realm=\"AFT dashboard\", charset=\"UTF-8\"";
            }

            return Task.CompletedTask;
        });
        await problem.ExecuteAsync(http);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers[ApiKeyEndpointFilter.HeaderName].ToString() is { Length: > 0 } header)
        {
            return header;
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (!authorization.StartsWith(BasicScheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[(BasicScheme.Length + 1)..].Trim()));
            return credentials.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 && colon < credentials.Length - 1 ? credentials[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
