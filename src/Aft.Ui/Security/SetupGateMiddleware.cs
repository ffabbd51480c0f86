using Aft.Grains.Accounts;

namespace Aft.Ui.Security;

/// <summary>
/// Until the first admin exists, every UI page leads to the setup wizard, and once one exists the wizard is gone.
/// An admin, once there, stays for this process's life: only <c>aft reinit</c> removes them all, with every node stopped.
/// </summary>
public sealed class SetupGateMiddleware(RequestDelegate next, AdminAccounts accounts)
{
    public const string SetupPath = "/setup";

    private volatile bool _setUp;

    public async Task InvokeAsync(HttpContext http)
    {
        _setUp = _setUp || await accounts.AnyAsync();
        var onSetup = http.Request.Path.StartsWithSegments(SetupPath);
        if (!_setUp && !onSetup)
        {
            http.Response.Redirect(SetupPath);
            return;
        }

        if (_setUp && onSetup)
        {
            http.Response.Redirect("/login");
            return;
        }

        await next(http);
    }
}
