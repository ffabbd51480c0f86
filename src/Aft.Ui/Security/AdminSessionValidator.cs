using Aft.Api.Security;
using Aft.Grains.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Aft.Ui.Security;

/// <summary>
/// Checks each request's session against its account: a removed admin, or one whose password changed since the sign-in
/// (another security stamp), is signed out on every node at its next request.
/// </summary>
public static class AdminSessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AdminAccounts>();
        var stamp = context.Principal?.FindFirst(AdminPrincipal.StampClaim)?.Value;
        if (context.Principal is null || AdminPrincipal.Read(context.Principal) is not { } admin
            || await accounts.GetAsync(admin.Id) is not { } account || account.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AdminPrincipal.Scheme);
        }
    }
}
