using Aft.Scripting.Vfs;

namespace Aft.Scripting.Clients;

/// <summary>
/// <c>new FtpsClient()</c>: <c>Host</c>, <c>User</c>, <c>Pass</c>, <c>TLSMode</c> (<c>TLS_MODE_NONE</c> plain FTP,
/// <c>TLS_MODE_EXPLICIT</c>, <c>TLS_MODE_IMPLICIT</c>), <c>TLSCertSHA256</c> (pins a self-signed certificate), <c>Passive</c>.
/// </summary>
public sealed class FtpsClientProfile : ClientProfile
{
    public const int TlsNone = 0;
    public const int TlsExplicit = 1;
    public const int TlsImplicit = 2;

    public override string Name => "FtpsClient";

    public override IReadOnlyDictionary<string, string> PropertyOf { get; } = new Dictionary<string, string>
        { ["target"] = "Host", ["options.user"] = "User", ["options.tlsCertSha256"] = "TLSCertSHA256", ["options.passive"] = "Passive", ["credentials.password"] = "Pass" };

    public override IReadOnlyList<string> Properties { get; } = ["Host", "User", "Pass", "PassFromSecret", "TLSMode", "TLSCertSHA256", "Passive"];

    public override (VfsDefinition? Definition, string? Error) Describe(Func<string, string?> get, ISecretReader secrets)
    {
        var credentials = new Dictionary<string, string>();
        if (Credential(get, secrets, credentials, "password", "Pass", "PassFromSecret") is { } error)
        {
            return (null, error);
        }

        var mode = get("TLSMode") ?? TlsExplicit.ToString();
        var (type, tls) = mode switch
        {
            "0" => ("ftp", null),
            "1" => ("ftps", "explicit"),
            "2" => ("ftps", "implicit"),
            _ => (null, null),
        };
        if (type is null)
        {
            return (null, $"TLSMode must be TLS_MODE_NONE, TLS_MODE_EXPLICIT or TLS_MODE_IMPLICIT, not {mode}");
        }

        var options = Options(("user", get("User")), ("tls", tls), ("tlsCertSha256", get("TLSCertSHA256")), ("passive", get("Passive")?.ToLowerInvariant()));
        return (new VfsDefinition(Name, type, get("Host") ?? string.Empty, options, credentials), null);
    }
}
