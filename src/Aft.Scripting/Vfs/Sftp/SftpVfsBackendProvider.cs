using Aft.Scripting.Vfs.Connections;

namespace Aft.Scripting.Vfs.Sftp;

/// <summary>
/// The "sftp" VFS type. Target <c>host[:port]</c> (22); options <c>user</c> (required), <c>root</c> (the folder the
/// VFS is confined to, default <c>/</c>), <c>hostKeySha256</c> (the server's pinned host key); credentials
/// <c>password</c> and/or <c>privateKey</c> (OpenSSH, PEM or PuTTY text) with an optional <c>passphrase</c>.
/// </summary>
public sealed class SftpVfsBackendProvider(VfsConnectionPools pools) : IVfsBackendProvider
{
    public const string TypeName = "sftp";
    public const int DefaultPort = 22;
    public const string User = "user";
    public const string Root = "root";
    public const string HostKeySha256 = "hostKeySha256";
    public const string Password = "password";
    public const string PrivateKey = "privateKey";
    public const string Passphrase = "passphrase";

    public string Type => TypeName;

    public IReadOnlyList<string> Aliases => ["SFTP"];

    public IReadOnlyList<VfsOptionSpec> Options { get; } =
    [
        VfsOptionSpec.Text(User, "the account to log in as"),
        new(Root, "the folder the VFS is confined to (default /)", value => value.StartsWith('/') ? null : "must be an absolute path such as /home/partner/outbox"),
        new(HostKeySha256, "the server's host key fingerprint, as ssh-keygen -lf prints it",
            value => SftpHostKey.IsWellFormed(value) ? null : "must be SHA256: followed by 43 base64 characters, as 'ssh-keygen -lf' prints it"),
        VfsOptionSpec.MaxConnections,
    ];

    public IReadOnlyList<string> CredentialFields { get; } = [Password, PrivateKey, Passphrase];

    public VfsDefinitionProblem? Validate(VfsDefinition definition)
    {
        if (VfsHostTarget.Check(definition, DefaultPort) is { } target)
        {
            return target;
        }

        if (definition.Get(User) is null)
        {
            return new VfsDefinitionProblem($"options.{User}", $"'options.{User}' is required: the account to log in as");
        }

        if (!definition.Credentials.ContainsKey(Password) && !definition.Credentials.ContainsKey(PrivateKey))
        {
            return new VfsDefinitionProblem($"credentials.{Password}", $"an sftp VFS needs 'credentials.{Password}' or 'credentials.{PrivateKey}' (or both)");
        }

        return definition.Credentials.ContainsKey(Passphrase) && !definition.Credentials.ContainsKey(PrivateKey)
            ? new VfsDefinitionProblem($"credentials.{Passphrase}", $"'credentials.{Passphrase}' unlocks 'credentials.{PrivateKey}', which is missing")
            : null;
    }

    public VfsEndpoint EndpointOf(VfsDefinition definition)
    {
        var host = VfsHostTarget.Parse(definition.Target, DefaultPort);
        return new VfsEndpoint(TypeName, host.Host, host.Port, definition.Get(User)!);
    }

    public IVfsBackend Create(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials)
    {
        var endpoint = EndpointOf(definition);
        var login = new SftpLogin(endpoint, definition.Get(HostKeySha256), credentials.GetValueOrDefault(Password),
            credentials.GetValueOrDefault(PrivateKey), credentials.GetValueOrDefault(Passphrase));
        var pool = pools.Get(VfsPoolKey.Of(definition, credentials), endpoint, definition.MaxConnectionsOf(),
            token => SftpConnection.OpenAsync(login, pools.Options, token));
        return new SftpVfsBackend(pool, definition.Get(Root) ?? "/");
    }
}
