using System.Security.Claims;
using Aft.Grains.Accounts;

namespace Aft.Api.Security;

/// <summary>The claims of a web UI session: who signed in, and the security stamp the session is bound to.</summary>
public static class AdminPrincipal
{
    public const string Scheme = "AftAdmin";
    public const string IdClaim = "aft:admin-id";
    public const string StampClaim = "aft:stamp";

    public static ClaimsPrincipal Create(AdminAccount account) =>
        new(new ClaimsIdentity(
            [new Claim(IdClaim, account.Id), new Claim(ClaimTypes.Name, account.UserName), new Claim(StampClaim, account.SecurityStamp)],
            Scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The signed-in admin's account id and name; null when the request has no UI session.</summary>
    public static (string Id, string UserName)? Read(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: Scheme } && user.FindFirstValue(IdClaim) is { } id
            ? (id, user.Identity.Name ?? string.Empty) : null;
}
