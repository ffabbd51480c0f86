using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aft.Grains.Storage;
using Aft.Silo;

namespace Aft.Cli.Client;

/// <summary>
/// Which server certificates the CLI accepts. Against the local service (a loopback host, with the data dir's
/// self-signed <c>tls/aft.crt</c> present) exactly that certificate is pinned; elsewhere the system's normal
/// validation applies, unless the user pins a SHA-256 fingerprint (<c>--cert-sha256</c>) or turns checking off
/// (<c>--insecure</c>). Trusting every certificate is never the default.
/// </summary>
public sealed class TlsTrust
{
    private readonly byte[]? _pinnedSha256;
    private readonly bool _insecure;

    private TlsTrust(byte[]? pinnedSha256, bool insecure, string description)
    {
        _pinnedSha256 = pinnedSha256;
        _insecure = insecure;
        Description = description;
    }

    /// <summary>What is trusted, for error messages.</summary>
    public string Description { get; }

    /// <summary>The SHA-256 of the last certificate a server presented, so a refusal can show what to pin.</summary>
    public string? PresentedSha256 { get; private set; }

    public static TlsTrust For(Uri address, DataDirectory dataDirectory, string? certSha256, bool insecure)
    {
        if (insecure)
        {
            return new TlsTrust(null, insecure: true, "any certificate (--insecure)");
        }

        if (certSha256 is not null)
        {
            return new TlsTrust(ParseFingerprint(certSha256), insecure: false, "the certificate with the SHA-256 fingerprint given by --cert-sha256");
        }

        var localCertificate = Path.Combine(dataDirectory.TlsDirectory, TlsCertificates.PublicCertificateName);
        if (IsLoopback(address) && File.Exists(localCertificate))
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(localCertificate));
            return new TlsTrust(SHA256.HashData(certificate.RawData), insecure: false, $"the local service's certificate {localCertificate}");
        }

        return new TlsTrust(null, insecure: false, "certificates the system trusts");
    }

    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        var presented = SHA256.HashData(certificate.GetRawCertData());
        PresentedSha256 = Convert.ToHexString(presented);
        if (_insecure)
        {
            return true;
        }

        return _pinnedSha256 is null
            ? errors == SslPolicyErrors.None
            : CryptographicOperations.FixedTimeEquals(presented, _pinnedSha256);
    }

    private static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static byte[] ParseFingerprint(string text)
    {
        var hex = text.Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        try
        {
            var bytes = Convert.FromHexString(hex);
            if (bytes.Length == SHA256.HashSizeInBytes)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
            // Reported below with the expected shape.
        }

        throw CliException.Usage($"--cert-sha256 '{text}' is not a SHA-256 fingerprint; give 64 hex digits (colons allowed)");
    }
}
