using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Aft.Scripting.Vfs.Sftp;

/// <summary>
/// What it takes to open an SFTP session: where, which host key to trust, and the credentials. A private key is
/// read when the VFS is opened, so a key that cannot be read is a configuration error at once, not a failed connect
/// counted against the server's health.
/// </summary>
public sealed class SftpLogin
{
    private readonly string? _password;
    private readonly PrivateKeyFile? _key;

    public SftpLogin(VfsEndpoint endpoint, string? hostKeySha256, string? password, string? privateKey, string? passphrase)
    {
        Endpoint = endpoint;
        HostKeySha256 = hostKeySha256;
        _password = password;
        _key = privateKey is null ? null : ReadKey(endpoint, privateKey, passphrase);
    }

    public VfsEndpoint Endpoint { get; }

    public string? HostKeySha256 { get; }

    /// <summary>
    /// Key authentication first (it cannot be guessed at), then the password: by SSH's password method, or by
    /// keyboard-interactive prompts where the server asks for it that way (PAM-only password logins), as interactive
    /// clients do. Each call makes new methods, for one connection.
    /// </summary>
    public AuthenticationMethod[] Methods()
    {
        var methods = new List<AuthenticationMethod>();
        if (_key is not null)
        {
            methods.Add(new PrivateKeyAuthenticationMethod(Endpoint.Account, _key));
        }

        if (_password is { } password)
        {
            methods.Add(new PasswordAuthenticationMethod(Endpoint.Account, password));
            var prompts = new KeyboardInteractiveAuthenticationMethod(Endpoint.Account);
            prompts.AuthenticationPrompt += (_, e) =>
            {
                // A hidden prompt asks for the password; a shown one (rare: "Username:") for the account.
                foreach (var prompt in e.Prompts)
                {
                    prompt.Response = prompt.IsEchoed ? Endpoint.Account : password;
                }
            };
            methods.Add(prompts);
        }

        return [.. methods];
    }

    /// <summary>Never prints the credentials.</summary>
    public override string ToString() => $"sftp login to {Endpoint.Key}";

    private static PrivateKeyFile ReadKey(VfsEndpoint endpoint, string key, string? passphrase)
    {
        try
        {
            using var text = new MemoryStream(Encoding.UTF8.GetBytes(key));
            return new PrivateKeyFile(text, passphrase);
        }
        catch (Exception ex) when (ex is SshException or ArgumentException or FormatException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            // The library's own message is not passed on: it may quote part of the key.
            throw new VfsException($"{endpoint.Key}: credentials.privateKey could not be read (an OpenSSH, PEM or PuTTY private key" +
                (passphrase is null ? " without a passphrase" : " that the given passphrase unlocks") + $" was expected; {ex.GetType().Name})");
        }
    }
}
