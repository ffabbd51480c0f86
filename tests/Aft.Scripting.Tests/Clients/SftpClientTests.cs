using Aft.Scripting.Tests.Vfs.Sftp;
using Aft.Testing.Servers;
using static Aft.Scripting.Tests.Js;

namespace Aft.Scripting.Tests.Clients;

/// <summary><c>new SftpClient()</c> against a real sshd: the product's connection fields, Options and operations.</summary>
public sealed class SftpClientTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ScriptHarness _harness = new(settings: new Dictionary<string, string?> { ["Vfs:TransferRetries"] = "0" });

    public void Dispose()
    {
        _harness.Dispose();
        _temp.Dispose();
    }

    /// <summary>A script that connects a client "cli" to a new folder on the server (whose host path it returns) and runs <paramref name="body"/>.</summary>
    private (string Root, IReadOnlyList<string> Lines) Run(string body, string? root = null)
    {
        root ??= sshd.Server.NewRoot();
        _harness.Secrets["sftp-pass"] = TestUser.Password;
        SshdServer.GiveToUser(root);
        var lines = ScriptLines(_harness, $$"""
            var cli = new SftpClient();
            cli.Host = "127.0.0.1:{{sshd.Server.Port}}";
            cli.User = "{{TestUser.Name}}";
            cli.PassFromSecret = "sftp-pass";
            cli.HostKeySHA256 = {{Quote(sshd.Server.HostKeySha256)}};
            var base = {{Quote(root)}};
            if (!cli.Connect()) { Log("no connection"); }
            {{body}}
            cli.Close();
            """);
        return (root, lines);
    }

    /// <summary>Runs a script that must succeed and returns what it logged itself (Info), not the clients' error lines.</summary>
    private static IReadOnlyList<string> ScriptLines(ScriptHarness harness, string code)
    {
        var before = harness.Log.Lines.Count;
        var outcome = harness.Run(code);
        Assert.True(outcome.Kind == ScriptOutcomeKind.Succeeded, outcome.Error);
        return [.. harness.Log.Lines.Skip(before).Where(line => line.Level == ScriptLogLevel.Info).Select(line => line.Message)];
    }

    [Fact]
    public void Connect_with_the_staleness_alert_idiom_and_Stat_a_file_for_its_age()
    {
        var root = sshd.Server.NewRoot();
        File.WriteAllText(Path.Join(root, "feed.csv"), "x");
        File.SetLastWriteTimeUtc(Path.Join(root, "feed.csv"), DateTime.UtcNow.AddHours(-3));

        var (_, lines) = Run("""
            var st = cli.Stat(base + "/feed.csv");
            var ageHours = Math.floor((new Date() - st.ModTime) / 3600000);
            Log(st.Name + " " + st.Size + " " + ageHours);
            Log(cli.Stat(base + "/missing.csv"));
            """, root);

        Assert.Equal("feed.csv 1 3", lines[0]);
        Assert.Equal("null", lines[^1]);
        Assert.Contains(_harness.Log.Messages, line => line.StartsWith("SftpClient.Stat: '", StringComparison.Ordinal) && line.EndsWith("no such file or directory", StringComparison.Ordinal));
    }

    [Fact]
    public void Connect_returns_false_and_logs_why_when_the_host_key_is_not_pinned_or_the_password_is_wrong()
    {
        using var harness = new ScriptHarness();
        harness.Secrets["p"] = TestUser.Password;

        var lines = harness.RunLogged($$"""
            var a = new SftpClient(); a.Host = "127.0.0.1:{{sshd.Server.Port}}"; a.User = "{{TestUser.Name}}"; a.PassFromSecret = "p";
            Log(a.Connect());
            var b = SftpClient(); b.Host = "127.0.0.1:{{sshd.Server.Port}}"; b.User = "{{TestUser.Name}}"; b.Pass = "wrong"; b.HostKeySHA256 = {{Quote(sshd.Server.HostKeySha256)}};
            Log(b.Connect());
            var c = new SftpClient(); c.Host = "127.0.0.1:{{sshd.Server.Port}}"; c.User = "{{TestUser.Name}}"; c.PassFromSecret = "nope";
            Log(c.Connect());
            Log(c.MakeDir("/x"));
            """);

        Assert.Equal(["SftpClient.Connect: " + $"sftp://aft-test@127.0.0.1:{sshd.Server.Port}: the server's host key is not pinned; after checking it is the server's, set options.hostKeySha256 to {sshd.Server.HostKeySha256}",
            "false"], lines.Take(2));
        Assert.StartsWith($"SftpClient.Connect: sftp://aft-test@127.0.0.1:{sshd.Server.Port}: login refused", lines[2]);
        Assert.Equal(["false", "SftpClient.Connect: PassFromSecret: the secret 'nope' is not set", "false", "SftpClient.MakeDir: not connected (call Connect() first)", "false"], lines.Skip(3));
        Assert.DoesNotContain(harness.Log.Messages, line => line.Contains(TestUser.Password, StringComparison.Ordinal));
    }

    [Fact]
    public void Upload_sends_the_files_a_glob_matches_and_by_default_never_overwrites()
    {
        var outbox = _temp.Folder("outbox");
        File.WriteAllText(Path.Join(outbox, "a.csv"), "new a");
        File.WriteAllText(Path.Join(outbox, "b.csv"), "new b");
        File.WriteAllText(Path.Join(outbox, "skip.txt"), "not a csv");
        var root = sshd.Server.NewRoot();
        Directory.CreateDirectory(Path.Join(root, "inbox"));
        File.WriteAllText(Path.Join(root, "inbox", "a.csv"), "old a");

        var (_, lines) = Run($$"""
            Log(cli.Options.UploadPolicy === NeverOverwrite);
            Log(cli.Upload({{Quote(outbox + "/*.csv")}}, base + "/inbox"));
            cli.Options.UploadPolicy = AlwaysOverwrite;
            cli.Options.DeleteSourceAfterUpload = true;
            Log(cli.Upload({{Quote(outbox + "/a.csv")}}, base + "/inbox"));
            """, root);

        Assert.Equal(["true", "true", "true"], lines);
        Assert.Equal("new a", File.ReadAllText(Path.Join(root, "inbox", "a.csv")));
        Assert.Equal("new b", File.ReadAllText(Path.Join(root, "inbox", "b.csv")));
        Assert.False(File.Exists(Path.Join(root, "inbox", "skip.txt")));
        Assert.Equal(["b.csv", "skip.txt"], Directory.GetFiles(outbox).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Download_fetches_matching_files_into_a_local_folder_it_creates()
    {
        var root = sshd.Server.NewRoot();
        Directory.CreateDirectory(Path.Join(root, "out"));
        File.WriteAllText(Path.Join(root, "out", "r1.csv"), "1");
        File.WriteAllText(Path.Join(root, "out", "r2.csv"), "22");
        File.WriteAllText(Path.Join(root, "out", "notes.txt"), "n");
        var local = Path.Join(_temp.Path, "in", "2026");

        var (_, lines) = Run($$"""
            cli.Options.DeleteSourceAfterDownload = true;
            Log(cli.Download(base + "/out/*.csv", {{Quote(local)}}));
            """, root);

        Assert.Equal(["true"], lines);
        Assert.Equal("22", File.ReadAllText(Path.Join(local, "r2.csv")));
        Assert.Equal(["notes.txt"], Directory.GetFiles(Path.Join(root, "out")).Select(Path.GetFileName));
    }

    [Fact]
    public void Folders_and_listings_work_as_the_product_documents()
    {
        var (root, lines) = Run("""
            Log(cli.MakeDir(base + "/a/b/c"));
            cli.Upload("/etc/hostname", base + "/a");
            Log(cli.ListDir(base + "/a").map(function (i) { return i.Name + (i.IsDir ? "/" : ""); }).join());
            Log(cli.ListDir(base + "/a", LIST_DIRS).length, cli.ListDir(base + "/a", LIST_FILES).length);
            Log(cli.ListDirR(base + "/a").map(function (i) { return i.Path.substring(base.length); }).join());
            Log(cli.ListFilesR(base, "host*").length, cli.ListFiles(base + "/a", "*.csv").length);
            Log(cli.RenDir(base + "/a/b", base + "/a/renamed"), cli.Exists(base + "/a/renamed/c"), cli.Exists(base + "/a/b"));
            Log(cli.DelDir(base + "/a/renamed"), cli.DelDir(base + "/a/renamed/c"));
            Log(cli.Rename(base + "/a/hostname", base + "/a/h.txt"), cli.Delete(base + "/a/h.txt"), cli.Exists(base + "/a/h.txt"));
            Log(cli.DelTree(base + "/a"), cli.Exists(base + "/a"));
            Log(cli.ListDir(base + "/nope"));
            """);

        Assert.Equal(
        [
            "true",
            "b/,hostname",
            "1 1",
            "/a/b,/a/b/c,/a/hostname",
            "1 0",
            "true true false",
            "false true",
            "true true false",
            "true false",
            "null",
        ], lines);
        Assert.False(Directory.Exists(Path.Join(root, "a")));
    }

    [Fact]
    public void An_option_AFT_does_not_implement_is_a_TypeError_not_silently_ignored()
    {
        var outcome = _harness.Run("""var c = new SftpClient(); c.Options.OTFE = true; c.Upload("/tmp/x", "/y");""");

        Assert.Equal("uncaught error: SftpClient.Upload: Options.OTFE is not supported by AFT (line 1, column 50)", outcome.Error);
    }
}
