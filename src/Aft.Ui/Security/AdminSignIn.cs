using Aft.Api.Security;
using Aft.Grains.Accounts;
using Aft.Grains.Settings;
using Microsoft.AspNetCore.Authentication;

namespace Aft.Ui.Security;

public static class AdminSignIn
{
    /// <summary>Starts a session for <paramref name="account"/> that ends after the UI settings' session lifetime, counted from now.</summary>
    public static async Task SignInAsync(HttpContext http, AdminAccount account)
    {
        var settings = await http.RequestServices.GetRequiredService<UiSettingsStore>().GetAsync();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        await http.SignInAsync(AdminPrincipal.Scheme, AdminPrincipal.Create(account), new AuthenticationProperties
        {
            IssuedUtc = clock.GetUtcNow(),
            ExpiresUtc = clock.GetUtcNow() + settings.SessionLifetime,
            AllowRefresh = false,
        });
    }
}
