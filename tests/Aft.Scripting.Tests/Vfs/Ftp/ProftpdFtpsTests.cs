using System.Security.Cryptography;
using Aft.Scripting.Tests.Vfs.Contract;
using Aft.Scripting.Vfs;
using Aft.Testing.Servers;

namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>
/// Several sessions at once against proftpd, which accepts a data connection only when it resumes the TLS
/// session of its own control connection; and a proftpd that allows no resumed upload.
/// </summary>
public sealed class ProftpdFtpsTests(ProftpdFtpsFixture fixture) : IClassFixture<ProftpdFtpsFixture>
{
    private static CancellationToken None => CancellationToken.None;

    private ProftpdServer Server => fixture.Proftpd;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Parallel_sessions_each_resume_their_own_TLS_session(string host)
    {
        var logins = Logins();
        await using var vfs = fixture.Open(Server.NewFolder(), new Dictionary<string, string> { ["maxConnections"] = "4" }, host: host);
        var data = RandomNumberGenerator.GetBytes(256 * 1024);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            await vfs.Backend.WriteAsync($"/p{i}.bin", VfsContent.FromBytes(data), VfsWriteOptions.Default, None);
            await using var read = await vfs.Backend.OpenReadAsync($"/p{i}.bin", 0, None);
            var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.True(data.AsSpan().SequenceEqual(copy.ToArray()));
        }));

        Assert.Equal(8, (await vfs.Backend.ListAsync("/", None)).Count);
        Assert.InRange(Logins() - logins, 2, 4);
        Assert.DoesNotContain("did not reuse", Server.TlsLog);
    }

    [Fact]
    public async Task A_server_that_allows_no_resumed_upload_gets_the_whole_file_again()
    {
        using var strict = await ProftpdServer.StartAsync(allowStoreRestart: false);
        var options = new Dictionary<string, string>
        {
            ["user"] = FtpTestServer.User, ["root"] = strict.NewFolder(), ["tls"] = "implicit", ["tlsCertSha256"] = strict.Certificate.Sha256,
        };
        await using var vfs = FtpTestVfs.Open("ftps", $"127.0.0.1:{strict.Port}", options, strict.Password);
        var data = RandomNumberGenerator.GetBytes(3 * 1024 * 1024);
        var resumable = new VfsWriteOptions { ResumeKey = "no-restart" };
        var failing = VfsContent.From(data.Length, (_, _) => Task.FromResult<Stream>(new FailingStream(new MemoryStream(data), 1024 * 1024, transient: true)));

        await Assert.ThrowsAnyAsync<Exception>(() => vfs.Backend.WriteAsync("/whole.bin", failing, resumable, None));
        var result = await vfs.Backend.WriteAsync("/whole.bin", VfsContent.FromBytes(data), resumable, None);

        Assert.Equal((data.Length, 0L), (result.Length, result.ResumedFrom));
        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(strict.RootFolder, options["root"][1..], "whole.bin")));
    }

    private int Logins() => Server.Log.Split('\n').Count(line => line.Contains("Login successful", StringComparison.Ordinal));
}
