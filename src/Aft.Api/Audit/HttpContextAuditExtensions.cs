using Aft.Api.Security;
using Aft.Grains.Audit;

namespace Aft.Api.Audit;

public static class HttpContextAuditExtensions
{
    /// <summary>Records a change made by this request's caller (its API key and address) in the audit trail.</summary>
    /// <inheritdoc cref="AuditTrail.RecordAsync" path="/param"/>
    public static Task AuditAsync(this HttpContext http, string action, string targetKind, string? targetId, object? before = null, object? after = null) =>
        http.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(http.AuditActor(), action, targetKind, targetId, before, after);

    /// <summary>
    /// The caller as the audit trail names it: the API key it presented, the admin signed in to the web UI, or the
    /// local socket (no key there).
    /// </summary>
    public static AuditActor AuditActor(this HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is { IsIPv4MappedToIPv6: true })
        {
            address = address.MapToIPv4();
        }

        if (http.Items[typeof(AuthenticatedKey)] is AuthenticatedKey key)
        {
            return Grains.Audit.AuditActor.ApiKey(key.Record.Id, key.Record.Name, address?.ToString());
        }

        return AdminPrincipal.Read(http.User) is { } admin
            ? Grains.Audit.AuditActor.Admin(admin.Id, admin.UserName, address?.ToString())
            : Grains.Audit.AuditActor.LocalSocket();
    }
}
