using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aft.Bench.Hangfire;

/// <summary>The same kind of TLS certificate AFT makes for itself on its first start: self-signed, ECDSA P-256.</summary>
public static class SelfSignedCertificate
{
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Kestrel needs the private key in a form it can use for the handshake, which a PKCS#12 round trip gives.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
