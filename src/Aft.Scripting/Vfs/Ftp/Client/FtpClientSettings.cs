namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>Where and how an <see cref="FtpClient"/> connects. Not a record, so the password never shows up in a printed copy.</summary>
public sealed class FtpClientSettings
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public required string User { get; init; }

    public required string Password { get; init; }

    public FtpTlsMode Tls { get; init; }

    /// <summary>Passive data connections (the client connects to the server); false: active (the server connects back).</summary>
    public bool Passive { get; init; } = true;

    /// <summary>
    /// The SHA-256 of the one server certificate to accept (lowercase hex, no separators), for a self-signed server;
    /// null: the certificate must be valid for <see cref="Host"/> by the platform's trust store.
    /// </summary>
    public string? PinnedCertificateSha256 { get; init; }

    /// <summary>Limit on opening the connection: TCP, TLS, greeting and login.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit on one reply, one data connection, and each chunk of a transfer.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>"ftps://user@host:port": names the session in messages, without the password.</summary>
    public string Description =>
        $"{(Tls == FtpTlsMode.None ? "ftp" : "ftps")}://{User}@{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";
}
