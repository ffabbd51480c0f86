namespace Aft.Scripting.Helpers;

/// <summary>How SendMail secures the SMTP connection.</summary>
public enum MailTls
{
    /// <summary>Plain text; for a relay on the same host only.</summary>
    None,

    /// <summary>STARTTLS, required.</summary>
    StartTls,

    /// <summary>STARTTLS when the server offers it, plain text otherwise.</summary>
    StartTlsWhenAvailable,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    Implicit,
}
