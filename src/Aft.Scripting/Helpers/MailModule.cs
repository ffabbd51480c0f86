using Aft.Scripting.Runtime;
using Jint;
using Jint.Native;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Aft.Scripting.Helpers;

/// <summary>
/// <c>SendMail(to, subject, body, isHtml?)</c> through the SMTP server in <see cref="MailOptions"/>; <c>to</c> is
/// an address, a list separated by "," or ";", or an array. Returns a respBase; a failed send is not an error.
/// </summary>
public sealed class MailModule(IOptions<MailOptions> options) : IScriptModule
{
    public void Install(ScriptContext context)
    {
        var engine = context.Engine;
        engine.SetValue("SendMail", new Jint.Runtime.Interop.ClrFunction(engine, "SendMail", (_, arguments) =>
        {
            var recipients = Recipients(engine, ScriptArgs.At(arguments, 0));
            var subject = ScriptArgs.String(engine, arguments, 1, "SendMail", "subject");
            var body = ScriptArgs.String(engine, arguments, 2, "SendMail", "body");
            var html = Jint.Runtime.TypeConverter.ToBoolean(ScriptArgs.At(arguments, 3));
            return ScriptResults.Base(engine, ScriptIo.Run(context.Signals.Stop, token =>
                SendAsync(context.Environment.Secrets, recipients, subject, body, html, token)));
        }, 4));
    }

    private async Task SendAsync(ISecretReader secrets, IReadOnlyList<MailboxAddress> recipients, string subject, string body, bool html, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Host) || string.IsNullOrWhiteSpace(settings.From))
        {
            throw new InvalidOperationException("mail is not configured (Aft:Mail:Host and Aft:Mail:From)");
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.AddRange(recipients);
        message.Subject = subject;
        message.Body = new TextPart(html ? "html" : "plain") { Text = body };

        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, Secure(settings.Tls), cancellationToken);
        if (!string.IsNullOrEmpty(settings.User))
        {
            var password = settings.PasswordSecret is { Length: > 0 } name
                ? secrets.Read(name) ?? throw new InvalidOperationException($"the mail password secret '{name}' is not set")
                : string.Empty;
            await client.AuthenticateAsync(settings.User, password, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static SecureSocketOptions Secure(MailTls tls) => tls switch
    {
        MailTls.None => SecureSocketOptions.None,
        MailTls.StartTls => SecureSocketOptions.StartTls,
        MailTls.Implicit => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    private static List<MailboxAddress> Recipients(Engine engine, JsValue value)
    {
        IEnumerable<string> addresses = value switch
        {
            _ when value.IsString() => value.AsString().Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            JsArray array when array.All(item => item.IsString()) => array.Select(item => item.AsString()),
            _ => throw ScriptArgs.TypeError(engine, "SendMail: to must be an address, a list of addresses or an array of them"),
        };

        var recipients = new List<MailboxAddress>();
        foreach (var address in addresses)
        {
            recipients.Add(MailboxAddress.TryParse(address, out var mailbox)
                ? mailbox
                : throw ScriptArgs.TypeError(engine, $"SendMail: '{address}' is not a mail address"));
        }

        return recipients.Count > 0 ? recipients : throw ScriptArgs.TypeError(engine, "SendMail: no recipient");
    }
}
