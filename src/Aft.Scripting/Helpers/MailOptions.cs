namespace Aft.Scripting.Helpers;

/// <summary>The SMTP server SendMail uses. Bound from <c>Aft:Mail</c>.</summary>
public sealed class MailOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>The sender address of every message.</summary>
    public string? From { get; set; }

    /// <summary>The SMTP user; no authentication when empty.</summary>
    public string? User { get; set; }

    /// <summary>The NAME of the secret holding the SMTP password, read at send time.</summary>
    public string? PasswordSecret { get; set; }

    public MailTls Tls { get; set; } = MailTls.StartTlsWhenAvailable;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
