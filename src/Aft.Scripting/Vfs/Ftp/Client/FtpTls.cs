using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>
/// TLS for one FTP session: its control and data connections authenticate with the same options and the same
/// <see cref="TlsSessionName"/>, so data connections resume the control connection's session. The server's
/// certificate must be valid for the host by the trust store, or be exactly the pinned one; a refusal names the
/// certificate's SHA-256 fingerprint so an operator can pin a self-signed server.
/// </summary>
internal sealed class FtpTls : IDisposable
{
    private readonly FtpClientSettings _settings;
    private readonly TlsSessionName _name;
    private string? _refusal;

    public FtpTls(FtpClientSettings settings)
    {
        _settings = settings;
        _name = TlsSessionName.Rent(settings.Host);
    }

    /// <summary>
    /// TLS 1.2. With TLS 1.3 a control connection that resumes an earlier session (as .NET offers for a name it
    /// has seen) keeps that session's tickets, and proftpd then refuses every data connection: it checks that the
    /// data ticket carries ITS control session's tag. TLS 1.2 keeps one session id, which both servers accept.
    /// </summary>
    public static SslProtocols Protocols => SslProtocols.Tls12;

    /// <summary>Runs the TLS handshake on <paramref name="inner"/> (which the result owns).</summary>
    public async Task<SslStream> AuthenticateAsync(Stream inner, string what, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = _name.Value,
                EnabledSslProtocols = Protocols,
                RemoteCertificateValidationCallback = Accept,
            };
            await FtpIo.RunAsync(what, _settings.OperationTimeout, token => ssl.AuthenticateAsClientAsync(options, token), cancellationToken);
            return ssl;
        }
        catch (AuthenticationException ex)
        {
            await ssl.DisposeAsync();
            throw new FtpException(_refusal ?? $"{what}: the TLS handshake failed ({ex.Message})", transient: false, innerException: ex);
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }

    /// <summary>"AB:CD:...": the SHA-256 of a certificate's DER bytes, as <c>openssl x509 -noout -fingerprint -sha256</c> prints it.</summary>
    public static string Fingerprint(X509Certificate certificate) =>
        string.Join(':', SHA256.HashData(certificate.GetRawCertData()).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    public void Dispose() => _name.Dispose();

    private bool Accept(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            _refusal = $"{_settings.Description}: the server sent no TLS certificate";
            return false;
        }

        var fingerprint = Fingerprint(certificate);
        if (_settings.PinnedCertificateSha256 is { } pinned)
        {
            if (fingerprint.Replace(":", string.Empty, StringComparison.Ordinal).Equals(pinned, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            _refusal = $"{_settings.Description}: the server's TLS certificate (SHA-256 {fingerprint}) is not the pinned one (options.tlsCertSha256)";
            return false;
        }

        // The handshake named the session's own spelling of the host; the certificate must match the host itself.
        errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        using var parsed = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (!parsed.MatchesHostname(_settings.Host))
        {
            errors |= SslPolicyErrors.RemoteCertificateNameMismatch;
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        _refusal = $"{_settings.Description}: the server's TLS certificate is not trusted ({errors}); if it is the right one, " +
            $"pin it with options.tlsCertSha256 = \"{fingerprint}\"";
        return false;
    }
}
