namespace Aft.Scripting.Vfs.Sftp;

/// <summary>What it takes to open an SFTP session: where, which host key to trust, and the credential values.</summary>
public sealed record SftpLogin(VfsEndpoint Endpoint, string? HostKeySha256, string? Password, string? PrivateKey, string? Passphrase)
{
    /// <summary>Never prints the credentials.</summary>
    public override string ToString() => $"sftp login to {Endpoint.Key}";
}
