using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.Ftp.Client;

namespace Aft.Scripting.Vfs.Ftp;

/// <summary>
/// The "ftp" and "ftps" VFS types (one instance each): the target is <c>host[:port]</c>; options <c>user</c>
/// (required), <c>root</c>, <c>passive</c>, <c>maxConnections</c>, and for ftps <c>tls</c> (explicit or implicit)
/// and <c>tlsCertSha256</c>; the credential is <c>password</c>.
/// </summary>
public sealed class FtpVfsBackendProvider(bool secure, VfsConnectionPools pools) : IVfsBackendProvider
{
    public const string FtpType = "ftp";
    public const string FtpsType = "ftps";
    public const string User = "user";
    public const string Root = "root";
    public const string Tls = "tls";
    public const string Passive = "passive";
    public const string TlsCertSha256 = "tlsCertSha256";
    public const string Password = "password";

    private static readonly VfsOptionSpec UserOption = VfsOptionSpec.Text(User, "the login name (required)");
    private static readonly VfsOptionSpec RootOption = new(Root, "the server folder the VFS is jailed to (an absolute path; default /)",
        value => value.StartsWith('/') && !value.Contains('\r') && !value.Contains('\n') ? null : "must be an absolute server path, e.g. /outbox");
    private static readonly VfsOptionSpec PassiveOption = VfsOptionSpec.Boolean(Passive, "passive data connections (default true); false: active mode, the server connects back");
    private static readonly VfsOptionSpec TlsOption = VfsOptionSpec.OneOf(Tls, "explicit (AUTH TLS, default) or implicit (TLS from the first byte, port 990)", "explicit", "implicit");
    private static readonly VfsOptionSpec PinOption = new(TlsCertSha256,
        "accept exactly this server certificate (a self-signed one): its SHA-256 as openssl x509 -noout -fingerprint -sha256 prints it",
        value => PinOf(value) is null ? "must be a SHA-256 fingerprint: 64 hex digits, colons allowed" : null);

    public string Type => secure ? FtpsType : FtpType;

    public IReadOnlyList<string> Aliases => secure ? ["FTPS"] : ["FTP"];

    public IReadOnlyList<VfsOptionSpec> Options =>
        secure
            ? [UserOption, RootOption, TlsOption, PassiveOption, PinOption, VfsOptionSpec.MaxConnections]
            : [UserOption, RootOption, PassiveOption, VfsOptionSpec.MaxConnections];

    public IReadOnlyList<string> CredentialFields => [Password];

    public VfsDefinitionProblem? Validate(VfsDefinition definition)
    {
        if (VfsHostTarget.Check(definition, DefaultPort(definition)) is { } problem)
        {
            return problem;
        }

        if (definition.Get(User) is null)
        {
            return new VfsDefinitionProblem($"options.{User}", $"'options.{User}' is required: the {Type.ToUpperInvariant()} login name");
        }

        return definition.Credentials.TryGetValue(Password, out var password) && password.Length > 0
            ? null
            : new VfsDefinitionProblem($"credentials.{Password}", $"'credentials.{Password}' is required: the {Type.ToUpperInvariant()} password");
    }

    public VfsEndpoint? EndpointOf(VfsDefinition definition)
    {
        var target = VfsHostTarget.Parse(definition.Target, DefaultPort(definition));
        return new VfsEndpoint(Type, target.Host, target.Port, definition.Get(User)!);
    }

    public IVfsBackend Create(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials)
    {
        var endpoint = EndpointOf(definition)!;
        var settings = new FtpClientSettings
        {
            Host = endpoint.Host,
            Port = endpoint.Port,
            User = endpoint.Account,
            Password = credentials[Password],
            Tls = !secure ? FtpTlsMode.None : IsImplicit(definition) ? FtpTlsMode.Implicit : FtpTlsMode.Explicit,
            Passive = definition.GetBool(Passive, fallback: true),
            PinnedCertificateSha256 = definition.Get(TlsCertSha256) is { } pin ? PinOf(pin) : null,
            ConnectTimeout = pools.Options.ConnectTimeout,
            OperationTimeout = pools.Options.OperationTimeout,
        };
        var pool = pools.Get(VfsPoolKey.Of(definition, credentials), endpoint, definition.MaxConnectionsOf(),
            token => FtpConnection.OpenAsync(settings, token));
        return new FtpVfsBackend(pool, VfsPath.Normalize(definition.Get(Root) ?? VfsPath.Root));
    }

    private int DefaultPort(VfsDefinition definition) => secure && IsImplicit(definition) ? 990 : 21;

    private static bool IsImplicit(VfsDefinition definition) =>
        string.Equals(definition.Get(Tls), "implicit", StringComparison.OrdinalIgnoreCase);

    /// <summary>The 64 lowercase hex digits of a fingerprint written with or without colons, or null when it is not one.</summary>
    private static string? PinOf(string value)
    {
        var hex = value.Trim().Replace(":", string.Empty, StringComparison.Ordinal);
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? hex.ToLowerInvariant() : null;
    }
}
