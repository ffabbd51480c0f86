using System.Security.Cryptography.X509Certificates;

namespace Aft.Testing;

/// <summary>An HTTPS client that trusts exactly one node's certificate (its <c>DATA_DIR/tls/aft.crt</c>), as a pinned client would.</summary>
public static class PinnedHttpClient
{
    public static HttpClient Create(Uri baseAddress, string dataDir, string? apiKey = null)
    {
        var pinned = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(dataDir, "tls", "aft.crt"));
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.RawData.AsSpan().SequenceEqual(pinned.RawData),
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }

        return client;
    }
}
