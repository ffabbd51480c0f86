using Aft.Api.Security;
using Aft.Grains.Accounts;
using Aft.Grains.Security;
using Aft.Grains.Settings;
using Aft.Grains.Storage;
using Aft.Ui.Assets;
using Aft.Ui.Components;
using Aft.Ui.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Aft.Ui;

public static class UiServiceCollectionExtensions
{
    /// <summary>The web admin UI: server-rendered Razor components, admin accounts with cookie sessions, a key ring in the store.</summary>
    public static IServiceCollection AddAftUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminAccountsOptions>().Bind(configuration.GetSection("Aft:Ui:Accounts"))
            .Validate(options => options.MaxFailedLogins >= 1 && options.LockoutDuration > TimeSpan.Zero && options.MinPasswordLength is >= 8 and <= AdminAccounts.MaxPasswordLength,
                "Aft:Ui:Accounts needs MaxFailedLogins >= 1, a positive LockoutDuration and MinPasswordLength from 8 to 256")
            .ValidateOnStart();
        services.AddSingleton<AdminAccounts>();
        services.AddSingleton<UiAssets>();
        services.AddSingleton<UiImportMap>();

        services.AddDataProtection().SetApplicationName("aft");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new DataProtectionKeyRepository(sp.GetRequiredService<AppDatabase>(), sp.GetRequiredService<SecretStore>())));

        services.AddAuthentication(AdminPrincipal.Scheme).AddCookie(AdminPrincipal.Scheme, cookie =>
        {
            // __Host-: the browser keeps it only if it is Secure, for the whole host and from no other domain.
            cookie.Cookie.Name = "__Host-aft-session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.Path = "/";
            cookie.SlidingExpiration = false;
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.AccessDeniedPath = "/login";
            cookie.Events.OnValidatePrincipal = AdminSessionValidator.ValidateAsync;
        });
        services.AddAuthorization();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "__Host-aft-antiforgery";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>Maps the UI at the site's root, beside the REST API under <c>/v1</c>.</summary>
    public static WebApplication MapAftUi(this WebApplication app)
    {
        app.UseWhen(UiEndpoint.Is, ui =>
        {
            ui.UseMiddleware<SecurityHeadersMiddleware>();
            ui.UseMiddleware<UiAllowListMiddleware>();
            ui.UseMiddleware<SetupGateMiddleware>();
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapUiAssets();
        app.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            await http.SignOutAsync(AdminPrincipal.Scheme);
            return Results.Redirect("/login");
        }).WithMetadata(UiEndpoint.Marker).ExcludeFromDescription();
        app.MapRazorComponents<App>().Add(endpoint => endpoint.Metadata.Add(UiEndpoint.Marker));
        return app;
    }
}
