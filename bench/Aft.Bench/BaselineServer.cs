using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aft.Bench;

/// <summary>
/// The peer every AFT figure is divided by: a minimal Kestrel app over the same kind of TLS (self-signed
/// ECDSA P-256) answering the same shapes with no work behind them.
/// </summary>
public static class BaselineServer
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        using var certificate = CreateCertificate();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        app.MapPost("/v1/jobs", async (HttpRequest request) =>
        {
            using var body = new StreamReader(request.Body);
            await body.ReadToEndAsync();
            return Results.Accepted("/v1/jobs/0", new { jobId = "0", status = "queued" });
        });
        app.MapGet("/v1/jobs/{id}", (string id) => Results.Ok(new { jobId = id, status = "succeeded" }));
        await app.RunAsync();
        return 0;
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=baseline", key, HashAlgorithmName.SHA256);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
