using Aft.Grains.Security;
using Aft.Grains.Settings;

namespace Aft.Ui.Security;

/// <summary>Refuses the UI to addresses outside the UI allowlist (Settings; empty: any). <c>aft reinit</c> clears a wrong one.</summary>
public sealed class UiAllowListMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, UiSettingsStore settings)
    {
        var allowed = (await settings.GetAsync()).AllowedAddresses;
        if (allowed.Count > 0 && IpAllowList.TryParse(allowed, out var allowList, out _) && !allowList.Allows(http.Connection.RemoteIpAddress))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("The web UI does not answer this address (Settings > UI allowlist; 'aft reinit' resets it).");
            return;
        }

        await next(http);
    }
}
