using Aft.Scripting.Tests.Vfs.Ftp;
using Aft.Scripting.Tests.Vfs.ObjectStore;
using Aft.Testing.Servers;
using static Aft.Scripting.Tests.Js;

namespace Aft.Scripting.Tests.Clients;

/// <summary>
/// FtpsClient, S3Client and AzureClient against real servers: the product's properties reach the right VFS type,
/// and the same operations work as on SftpClient.
/// </summary>
public sealed class OtherClientTests(VsftpdFtpsFixture ftps, S3rverFixture s3, AzuriteFixture azure)
    : IClassFixture<VsftpdFtpsFixture>, IClassFixture<S3rverFixture>, IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ScriptHarness _harness = new();

    public void Dispose()
    {
        _harness.Dispose();
        _temp.Dispose();
    }

    /// <summary>Connects <paramref name="setup"/>'s client "cli", uploads two local CSVs into <c>base + "/in"</c>, lists, downloads one back, and cleans up.</summary>
    private IReadOnlyList<string> RoundTrip(string setup, string remoteBase)
    {
        var outbox = _temp.Folder("outbox-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(Path.Join(outbox, "a.csv"), "alpha");
        File.WriteAllText(Path.Join(outbox, "b.csv"), "bravo");
        var inbox = Path.Join(_temp.Path, "back-" + Guid.NewGuid().ToString("N")[..6]);

        var before = _harness.Log.Lines.Count;
        var outcome = _harness.Run($$"""
            {{setup}}
            var base = {{Quote(remoteBase)}};
            Log(cli.Connect());
            Log(cli.Upload({{Quote(outbox + "/*.csv")}}, base + "/in"));
            Log(cli.ListFiles(base + "/in", "*.csv").map(function (i) { return i.Name + ":" + i.Size; }).join());
            Log(cli.Download(base + "/in/b.csv", {{Quote(inbox)}}));
            Log(cli.Exists(base + "/in/a.csv"), cli.Delete(base + "/in/a.csv"), cli.Exists(base + "/in/a.csv"));
            Log(cli.DelTree(base + "/in"), cli.Close());
            """);

        Assert.True(outcome.Kind == ScriptOutcomeKind.Succeeded, outcome.Error);
        Assert.Equal("bravo", File.ReadAllText(Path.Join(inbox, "b.csv")));
        return [.. _harness.Log.Lines.Skip(before).Where(line => line.Level == ScriptLogLevel.Info).Select(line => line.Message)];
    }

    private static readonly string[] Expected = ["true", "true", "a.csv:5,b.csv:5", "true", "true true false", "true true"];

    [Fact]
    public void FtpsClient_with_explicit_TLS_and_a_pinned_certificate()
    {
        var lines = RoundTrip($$"""
            var cli = new FtpsClient();
            cli.Host = "127.0.0.1:{{ftps.Server.Port}}";
            cli.User = "{{FtpTestServer.User}}";
            cli.Pass = {{Quote(ftps.Server.Password)}};
            cli.TLSMode = TLS_MODE_EXPLICIT;
            cli.TLSCertSHA256 = {{Quote(ftps.Server.Certificate.Sha256WithColons)}};
            """, ftps.Server.NewFolder());

        Assert.Equal(Expected, lines);
    }

    [Fact]
    public void S3Client_with_an_S3_compatible_endpoint_and_the_secret_from_the_store()
    {
        _harness.Secrets["s3-secret"] = S3rverServer.SecretAccessKey;

        var lines = RoundTrip($$"""
            var cli = new S3Client();
            cli.Bucket = "{{s3.S3rver.Bucket}}";
            cli.Region = "us-east-1";
            cli.Endpoint = "{{s3.S3rver.Endpoint}}";
            cli.APIKeyID = "{{S3rverServer.AccessKeyId}}";
            cli.APIKeySecretFromSecret = "s3-secret";
            """, "/client-" + Guid.NewGuid().ToString("N")[..6]);

        Assert.Equal(Expected, lines);
    }

    [Fact]
    public void AzureClient_with_an_account_key_and_Azurite_as_the_endpoint()
    {
        var lines = RoundTrip($$"""
            var cli = AzureClient();
            cli.Container = "{{ObjectStoreFixture.Container}}";
            cli.AccountName = "{{AzuriteServer.Account}}";
            cli.AccountKey = {{Quote(AzuriteServer.AccountKey)}};
            cli.Endpoint = "{{azure.Azurite.Endpoint}}";
            """, "/client-" + Guid.NewGuid().ToString("N")[..6]);

        Assert.Equal(Expected, lines);
    }

    [Fact]
    public void A_client_with_a_missing_property_does_not_connect_and_says_which()
    {
        var before = _harness.Log.Lines.Count;

        _harness.Run("""var cli = new S3Client(); cli.Bucket = "reports"; cli.APIKeySecret = "s"; Log(cli.Connect());""");

        var lines = _harness.Log.Messages.Skip(before).ToList();
        Assert.Equal("false", lines[^1]);
        Assert.StartsWith("S3Client.Connect: APIKeyID: ", lines[0]);
        Assert.Contains("credentials.accessKeyId", lines[0]);
    }
}
