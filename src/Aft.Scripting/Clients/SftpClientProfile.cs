using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Sftp;

namespace Aft.Scripting.Clients;

/// <summary><c>new SftpClient()</c>: <c>Host</c> ("host:port"), <c>User</c>, <c>Pass</c>, <c>KeyFile</c> (a local key file), <c>KeyFilePass</c>, <c>HostKeySHA256</c>.</summary>
public sealed class SftpClientProfile : ClientProfile
{
    public override string Name => "SftpClient";

    public override IReadOnlyDictionary<string, string> PropertyOf { get; } = new Dictionary<string, string>
        { ["target"] = "Host", ["options.user"] = "User", ["options.hostKeySha256"] = "HostKeySHA256", ["credentials.password"] = "Pass", ["credentials.privateKey"] = "KeyFile", ["credentials.passphrase"] = "KeyFilePass" };

    public override IReadOnlyList<string> Properties { get; } =
        ["Host", "User", "Pass", "PassFromSecret", "KeyFile", "KeyFileFromSecret", "KeyFilePass", "KeyFilePassFromSecret", "HostKeySHA256"];

    public override (VfsDefinition? Definition, string? Error) Describe(Func<string, string?> get, ISecretReader secrets)
    {
        var credentials = new Dictionary<string, string>();
        var error = Credential(get, secrets, credentials, SftpVfsBackendProvider.Password, "Pass", "PassFromSecret")
            ?? Credential(get, secrets, credentials, SftpVfsBackendProvider.PrivateKey, null, "KeyFileFromSecret", "KeyFileSecret")
            ?? Credential(get, secrets, credentials, SftpVfsBackendProvider.Passphrase, "KeyFilePass", "KeyFilePassFromSecret");
        if (error is not null)
        {
            return (null, error);
        }

        if (get("KeyFile") is { } keyFile)
        {
            try
            {
                credentials[SftpVfsBackendProvider.PrivateKey] = File.ReadAllText(keyFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return (null, $"KeyFile: cannot read '{keyFile}': {ex.Message}");
            }
        }

        // The product's HostKeySHA256 may come without OpenSSH's "SHA256:" prefix.
        var hostKey = get("HostKeySHA256") is { } key && !key.StartsWith(SftpHostKey.Prefix, StringComparison.OrdinalIgnoreCase) ? SftpHostKey.Prefix + key : get("HostKeySHA256");
        var options = Options((SftpVfsBackendProvider.User, get("User")), (SftpVfsBackendProvider.HostKeySha256, hostKey));
        return (new VfsDefinition(Name, SftpVfsBackendProvider.TypeName, get("Host") ?? string.Empty, options, credentials), null);
    }
}
