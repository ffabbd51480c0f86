using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aft.Grains.Storage;

namespace Aft.Silo;

/// <summary>
/// The server certificate: the configured one (PFX, or PEM with its key), else a self-signed one made on
/// first start and kept in <c>DATA_DIR/tls</c>. Its public half (<c>aft.crt</c>) lets local clients pin it.
/// </summary>
public static class TlsCertificates
{
    public const string PfxName = "aft.pfx";
    public const string PublicCertificateName = "aft.crt";

    /// <exception cref="ServiceStartException">The certificate cannot be read or made; the message names the file.</exception>
    public static X509Certificate2 Load(AftServerOptions options, DataDirectory dataDirectory)
    {
        try
        {
            return LoadOrCreate(options, dataDirectory);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ServiceStartException(string.IsNullOrWhiteSpace(options.CertificatePath)
                ? $"the TLS certificate {Path.Combine(dataDirectory.TlsDirectory, PfxName)} cannot be read ({ex.Message}); delete {dataDirectory.TlsDirectory} to have a new self-signed one made"
                : $"the TLS certificate {options.CertificatePath} (Aft:Server:CertificatePath) cannot be read ({ex.Message}); check the file, its key (CertificateKeyPath) and password (CertificatePassword)");
        }
    }

    private static X509Certificate2 LoadOrCreate(AftServerOptions options, DataDirectory dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return string.IsNullOrWhiteSpace(options.CertificateKeyPath)
                ? X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword)
                : X509Certificate2.CreateFromPemFile(options.CertificatePath, options.CertificateKeyPath);
        }

        var directory = dataDirectory.TlsDirectory;
        var pfx = Path.Combine(directory, PfxName);
        if (!File.Exists(pfx))
        {
            Directory.CreateDirectory(directory);
            using var created = CreateSelfSigned(options.Bind);
            OwnerOnlyFile.WriteAllBytes(pfx, created.Export(X509ContentType.Pfx));
            File.WriteAllText(Path.Combine(directory, PublicCertificateName), created.ExportCertificatePem());
        }

        return X509CertificateLoader.LoadPkcs12FromFile(pfx, null);
    }

    private static X509Certificate2 CreateSelfSigned(string bind)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=AFT (self-signed)", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Environment.MachineName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (IPAddress.TryParse(bind, out var address) && !IPAddress.Any.Equals(address) && !IPAddress.IPv6Any.Equals(address) && !IPAddress.IsLoopback(address))
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
    }
}
