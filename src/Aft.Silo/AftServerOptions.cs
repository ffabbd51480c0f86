namespace Aft.Silo;

/// <summary>Where and how the REST API listens. Bound from <c>Aft:Server</c>.</summary>
public sealed class AftServerOptions
{
    public const int DefaultPort = 44399;

    public string Bind { get; set; } = "127.0.0.1";

    public int Port { get; set; } = DefaultPort;

    /// <summary>HTTPS (the default) or plain HTTP.</summary>
    public bool Https { get; set; } = true;

    /// <summary>A PFX file, or a PEM certificate with <see cref="CertificateKeyPath"/>. Empty: a self-signed certificate in the data dir.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificateKeyPath { get; set; }

    public string? CertificatePassword { get; set; }
}
