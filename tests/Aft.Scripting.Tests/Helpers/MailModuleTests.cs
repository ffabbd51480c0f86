namespace Aft.Scripting.Tests.Helpers;

/// <summary>SendMail against a small SMTP server on loopback.</summary>
public sealed class MailModuleTests : IDisposable
{
    private readonly LoopbackSmtpServer _smtp = new();
    private readonly ScriptHarness _harness;

    public MailModuleTests()
    {
        _harness = new ScriptHarness(settings: Settings(_smtp.Port));
    }

    private static Dictionary<string, string?> Settings(int port) => new()
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:From"] = "aft@example.test",
        ["Mail:User"] = "mailer",
        ["Mail:PasswordSecret"] = "smtp-password",
        ["Mail:Tls"] = "None",
    };

    public void Dispose()
    {
        _harness.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public void SendMail_delivers_to_every_recipient_and_logs_in_with_the_password_secret()
    {
        _harness.Secrets["smtp-password"] = "s3cret";

        var lines = _harness.RunLogged("""var r = SendMail("ops@example.test; dev@example.test", "Stale file", "report.csv is 3 h old"); Log(r.Ok(), "[" + r.ErrorMsg() + "]");""");

        Assert.Equal(["true []"], lines);
        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal("<aft@example.test>", mail.From);
        Assert.Equal(["<ops@example.test>", "<dev@example.test>"], mail.To);
        Assert.Contains("Subject: Stale file\n", mail.Data);
        Assert.Contains("Content-Type: text/plain", mail.Data);
        Assert.Contains("report.csv is 3 h old", mail.Data);
        Assert.Equal([("mailer", "s3cret")], _smtp.Logins);
    }

    [Fact]
    public void SendMail_sends_html_when_asked()
    {
        _harness.Secrets["smtp-password"] = "s3cret";

        _harness.RunLogged("""SendMail(["ops@example.test"], "Report", "<b>done</b>", true);""");

        Assert.Contains("Content-Type: text/html", Assert.Single(_smtp.Messages).Data);
    }

    [Fact]
    public void SendMail_without_the_password_secret_is_not_Ok_and_names_only_the_secret()
    {
        var lines = _harness.RunLogged("""var r = SendMail("ops@example.test", "s", "b"); Log(r.Ok(), r.ErrorMsg());""");

        Assert.Equal(["false the mail password secret 'smtp-password' is not set"], lines);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public void SendMail_without_configuration_is_not_Ok()
    {
        using var bare = new ScriptHarness();

        Assert.Equal(["false mail is not configured (Aft:Mail:Host and Aft:Mail:From)"], bare.RunLogged("""var r = SendMail("ops@example.test", "s", "b"); Log(r.Ok(), r.ErrorMsg());"""));
    }

    [Fact]
    public void SendMail_to_an_unreachable_server_is_not_Ok()
    {
        using var unreachable = new ScriptHarness(settings: Settings(ClosedPort.Next()));
        unreachable.Secrets["smtp-password"] = "s3cret";

        Assert.Equal(["false true"], unreachable.RunLogged("""var r = SendMail("ops@example.test", "s", "b"); Log(r.Ok(), r.ErrorMsg().length > 0);"""));
    }

    [Fact]
    public void SendMail_with_a_malformed_address_is_a_TypeError()
    {
        var outcome = _harness.Run("""SendMail("not an address@", "s", "b");""");

        Assert.Equal("uncaught error: SendMail: 'not an address@' is not a mail address (line 1, column 1)", outcome.Error);
    }
}
