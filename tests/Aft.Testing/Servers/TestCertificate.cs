using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aft.Testing.Servers;

/// <summary>A self-signed server certificate for localhost and 127.0.0.1, written as PEM files for a server's config.</summary>
public sealed record TestCertificate(string CertificatePath, string KeyPath, string Sha256)
{
    /// <summary>Creates the certificate in <paramref name="folder"/> (cert.pem and key.pem, the key readable by root only).</summary>
    public static TestCertificate Create(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var certificatePath = Path.Combine(folder, "cert.pem");
        var keyPath = Path.Combine(folder, "key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new TestCertificate(certificatePath, keyPath, Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)));
    }

    /// <summary>The fingerprint as <c>openssl x509 -noout -fingerprint -sha256</c> prints it ("AB:CD:...").</summary>
    public string Sha256WithColons => string.Join(':', Convert.FromHexString(Sha256).Select(b => b.ToString("X2")));
}
