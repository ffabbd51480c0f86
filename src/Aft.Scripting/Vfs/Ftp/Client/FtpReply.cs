namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>A server reply: its three-digit code and its lines (a multi-line reply has several).</summary>
public sealed record FtpReply(int Code, IReadOnlyList<string> Lines)
{
    /// <summary>1xx: the command started (a transfer); the final reply follows.</summary>
    public bool IsPreliminary => Code is >= 100 and < 200;

    /// <summary>2xx: done.</summary>
    public bool IsSuccess => Code is >= 200 and < 300;

    /// <summary>3xx: the command needs a follow-up (PASS after USER, RNTO after RNFR, a transfer after REST).</summary>
    public bool IsIntermediate => Code is >= 300 and < 400;

    /// <summary>4xx and 421: the server says trying again later may work.</summary>
    public bool IsTransientFailure => Code is >= 400 and < 500;

    /// <summary>The code and the text of the last line, as a message shows it ("550 Failed to open file.").</summary>
    public string Message => Lines.Count == 0 ? Code.ToString(System.Globalization.CultureInfo.InvariantCulture) : Lines[^1].Trim();

    public override string ToString() => Message;
}
