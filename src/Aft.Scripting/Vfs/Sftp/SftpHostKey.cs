namespace Aft.Scripting.Vfs.Sftp;

/// <summary>
/// Host key fingerprints in OpenSSH's form, as <c>ssh-keygen -lf</c> prints them: <c>SHA256:</c> and the unpadded
/// base64 of the SHA-256 of the key blob.
/// </summary>
public static class SftpHostKey
{
    public const string Prefix = "SHA256:";

    public static bool IsWellFormed(string fingerprint)
    {
        if (!fingerprint.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = fingerprint[Prefix.Length..];
        if (encoded.Length != 43)
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[33];
        return Convert.TryFromBase64String(encoded + "=", digest, out var written) && written == 32;
    }

    /// <summary>The fingerprint of a key blob in OpenSSH's form.</summary>
    public static string Of(ReadOnlySpan<byte> keyBlob) =>
        Prefix + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>Whether a server's fingerprint is the pinned one (base64 is case-sensitive, the prefix is not).</summary>
    public static bool Matches(string pinned, string actual) =>
        pinned.Length == actual.Length
        && pinned.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
        && string.Equals(pinned[Prefix.Length..], actual[Prefix.Length..], StringComparison.Ordinal);
}
