using Aft.Testing;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace Aft.Silo.Tests;

/// <summary>How the API listens: the configured PEM certificate, or plain HTTP when configured so.</summary>
[Trait(TestStore.Trait, TestStore.Sqlite)]
public sealed class ServerTlsTests : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("aft-tls-").FullName;
    private WebApplication? _app;

    [Fact]
    public async Task A_configured_PEM_certificate_is_served_instead_of_the_self_signed_one()
    {
        var (certificatePath, keyPath, expected) = WritePemCertificate();
        var port = LoopbackPorts.Free();
        await StartAsync(port, new()
        {
            ["Aft:Server:CertificatePath"] = certificatePath,
            ["Aft:Server:CertificateKeyPath"] = keyPath,
        });

        X509Certificate2? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.RawData);
                return certificate is not null && certificate.RawData.AsSpan().SequenceEqual(expected.RawData);
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };

        var health = await client.GetFromJsonAsync<JsonElement>("/healthz");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(expected.Thumbprint, presented!.Thumbprint);
        Assert.False(File.Exists(Path.Combine(_dataDir, "tls", "aft.pfx")), "no self-signed certificate is made when one is configured");
    }

    [Fact]
    public async Task Plain_HTTP_is_served_only_when_configured()
    {
        var port = LoopbackPorts.Free();
        await StartAsync(port, new() { ["Aft:Server:Https"] = "false" });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var health = await client.GetFromJsonAsync<JsonElement>("/healthz");

        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task By_default_the_API_answers_HTTPS_only()
    {
        var port = LoopbackPorts.Free();
        await StartAsync(port, []);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync("/healthz"));
        Assert.True(File.Exists(Path.Combine(_dataDir, "tls", "aft.pfx")));
    }

    private async Task StartAsync(int port, Dictionary<string, string?> settings)
    {
        settings["Aft:DataDir"] = _dataDir;
        settings["Aft:Server:Port"] = port.ToString();
        settings["Aft:Cluster:SiloPort"] = LoopbackPorts.Free().ToString();
        settings["Logging:LogLevel:Default"] = "Warning";
        _app = AftServer.Build([], settings);
        await AftServer.StartAsync(_app, TextWriter.Null);
    }

    private (string CertificatePath, string KeyPath, X509Certificate2 Certificate) WritePemCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=aft-test-configured", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(_dataDir, "configured.crt");
        var keyPath = Path.Combine(_dataDir, "configured.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath, certificate);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_dataDir, recursive: true);
    }
}
