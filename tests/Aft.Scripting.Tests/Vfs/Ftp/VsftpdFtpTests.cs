using System.Security.Cryptography;
using Aft.Scripting.Tests.Vfs.Contract;
using Aft.Scripting.Vfs;
using Aft.Testing.Servers;

namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>Logins, pooling, failures and resume against plain vsftpd, each counted in the server's own logs.</summary>
public sealed class VsftpdFtpTests(VsftpdFtpFixture fixture) : IClassFixture<VsftpdFtpFixture>
{
    private static CancellationToken None => CancellationToken.None;

    private VsftpdServer Server => fixture.Vsftpd;

    [Fact]
    public async Task A_wrong_password_is_refused_naming_the_endpoint_and_never_the_password()
    {
        const string wrong = "not-the-password-4711";
        await using var vfs = fixture.Open(Server.NewFolder(), password: wrong);

        var error = await Assert.ThrowsAsync<VfsException>(() => vfs.Backend.ListAsync("/", None));

        Assert.Contains($"login to ftp://aft-test@127.0.0.1:{Server.Port} refused: 530", error.Message);
        Assert.DoesNotContain(wrong, error.ToString());
        Assert.False(error.Transient);
        Assert.DoesNotContain(wrong, Server.Log);
    }

    [Fact]
    public async Task Twenty_operations_through_one_pool_log_in_once()
    {
        var loginsBefore = Logins();
        await using var vfs = fixture.Open(Server.NewFolder());

        for (var i = 0; i < 5; i++)
        {
            await vfs.Backend.WriteAsync($"/f{i}.txt", VfsContent.FromBytes([1, 2, 3]), VfsWriteOptions.Default, None);
            await vfs.Backend.StatAsync($"/f{i}.txt", None);
            await vfs.Backend.ListAsync("/", None);
            await using var read = await vfs.Backend.OpenReadAsync($"/f{i}.txt", 0, None);
            await read.CopyToAsync(Stream.Null);
        }

        Assert.Equal(loginsBefore + 1, Logins());
        Assert.Equal((1, 1), vfs.Pools.CountFor(vfs.Backend.Endpoint!));
    }

    [Fact]
    public async Task A_resumed_upload_sends_only_the_rest_as_the_server_counts_it()
    {
        var data = RandomNumberGenerator.GetBytes(6 * 1024 * 1024);
        var options = new VfsWriteOptions { ResumeKey = "resume-count" };
        await using var vfs = fixture.Open(Server.NewFolder());
        var failing = VfsContent.From(data.Length, (_, _) => Task.FromResult<Stream>(new FailingStream(new MemoryStream(data), 4 * 1024 * 1024, transient: true)));

        await Assert.ThrowsAnyAsync<Exception>(() => vfs.Backend.WriteAsync("/r.bin", failing, options, None));
        var result = await vfs.Backend.WriteAsync("/r.bin", VfsContent.FromBytes(data), options, None);

        Assert.Equal(4 * 1024 * 1024, result.ResumedFrom);
        Assert.Equal([4L * 1024 * 1024, 2L * 1024 * 1024], UploadedBytes(".r.bin."));
        await using var read = await vfs.Backend.OpenReadAsync("/r.bin", 0, None);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.True(data.AsSpan().SequenceEqual(copy.ToArray()), "the resumed file differs from the data");
    }

    [Fact]
    public async Task A_server_killed_mid_upload_is_a_transient_failure_and_leaves_nothing_under_the_final_name()
    {
        var folder = Server.NewFolder();
        await using var vfs = fixture.Open(folder);
        var content = VfsContent.From(64L * 1024 * 1024, (_, _) => Task.FromResult<Stream>(new TrippingStream(64L * 1024 * 1024, 2 * 1024 * 1024, Server.KillSessions)));

        var error = await Assert.ThrowsAsync<VfsException>(() => vfs.Backend.WriteAsync("/victim.bin", content, VfsWriteOptions.Default, None));

        Assert.True(error.Transient, error.Message);
        Assert.Contains("/victim.bin", error.Message);
        Assert.False(File.Exists(Path.Combine(Server.RootFolder, folder[1..], "victim.bin")));

        // The pool replaced the dead session, and the failed write's temporary file was removed through it.
        Assert.Empty(await vfs.Backend.ListAsync("/", None));
    }

    [Fact]
    public async Task A_server_killed_mid_download_is_a_transient_failure_not_a_short_file()
    {
        await using var vfs = fixture.Open(Server.NewFolder());
        await vfs.Backend.WriteAsync("/source.bin", VfsContent.FromBytes(new byte[32 * 1024 * 1024]), VfsWriteOptions.Default, None);
        await using var read = await vfs.Backend.OpenReadAsync("/source.bin", 0, None);
        var buffer = new byte[1024 * 1024];
        await read.ReadExactlyAsync(buffer);

        Server.KillSessions();
        var error = await Assert.ThrowsAsync<VfsException>(() => read.CopyToAsync(Stream.Null));

        Assert.True(error.Transient, error.Message);
        Assert.Contains("/source.bin", error.Message);
    }

    [Fact]
    public async Task A_pooled_connection_the_server_timed_out_is_replaced_without_failing_the_operation()
    {
        using var impatient = await VsftpdServer.StartAsync(tls: false, "idle_session_timeout=1");
        var options = new Dictionary<string, string> { ["user"] = FtpTestServer.User, ["root"] = impatient.NewFolder() };
        await using var vfs = FtpTestVfs.Open("ftp", $"127.0.0.1:{impatient.Port}", options, impatient.Password);
        await vfs.Backend.WriteAsync("/kept.txt", VfsContent.FromBytes([1]), VfsWriteOptions.Default, None);

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var entry = await vfs.Backend.StatAsync("/kept.txt", None);

        Assert.Equal(1, entry.Size);
        Assert.Contains("421 Timeout", impatient.Log);
        Assert.Equal(2, Logins(impatient));
    }

    private static int Logins(VsftpdServer server) => server.Log.Split('\n').Count(line => line.Contains("OK LOGIN", StringComparison.Ordinal));

    private int Logins() => Logins(Server);

    /// <summary>The bytes of each upload to a file whose name contains <paramref name="name"/>, from vsftpd's xferlog.</summary>
    private IReadOnlyList<long> UploadedBytes(string name) =>
    [
        .. Server.TransferLog.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields[8].Contains(name, StringComparison.Ordinal) && fields[11] == "i")
            .Select(fields => long.Parse(fields[7])),
    ];
}
