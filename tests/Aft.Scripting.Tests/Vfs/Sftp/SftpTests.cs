using System.Security.Cryptography;
using Aft.Scripting.Vfs;
using Aft.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;
using static Aft.Scripting.Tests.Js;

namespace Aft.Scripting.Tests.Vfs.Sftp;

/// <summary>What is particular to SFTP, against a real sshd: logins, host key pinning, pooled sessions, cut connections and resume.</summary>
public sealed class SftpTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static IReadOnlyDictionary<string, string> With(VfsDefinition definition, string? password = null, string? key = null, string? passphrase = null)
    {
        var credentials = new Dictionary<string, string>();
        if (password is not null)
        {
            credentials["password"] = password;
        }

        if (key is not null)
        {
            credentials["privateKey"] = key;
        }

        if (passphrase is not null)
        {
            credentials["passphrase"] = passphrase;
        }

        return credentials;
    }

    [Fact]
    public async Task Logs_in_with_a_password_or_an_OpenSSH_PEM_or_PuTTY_key()
    {
        var definition = sshd.Definition();
        var factory = sshd.Services.GetRequiredService<VfsBackendFactory>();
        var logins = new[]
        {
            With(definition, password: TestUser.Password),
            With(definition, key: sshd.Server.OpenSshKey),
            With(definition, key: sshd.Server.PemKey, passphrase: sshd.Server.KeyPassphrase),
            With(definition, key: sshd.Server.PuttyKey, passphrase: sshd.Server.KeyPassphrase),
        };

        foreach (var credentials in logins)
        {
            using var vfs = factory.Create(definition, credentials);
            Assert.True((await vfs.StatAsync("/", CancellationToken.None)).IsDir);
        }

        Assert.Contains("Accepted publickey", sshd.Server.Log);
        Assert.Contains("Accepted password", sshd.Server.Log);
    }

    [Fact]
    public void A_key_with_the_wrong_passphrase_is_refused_without_showing_the_key()
    {
        var definition = sshd.Definition();
        var factory = sshd.Services.GetRequiredService<VfsBackendFactory>();

        var error = Assert.Throws<VfsException>(() => factory.Create(definition, With(definition, key: sshd.Server.PemKey, passphrase: "not-the-passphrase")));

        Assert.Contains("credentials.privateKey could not be read", error.Message);
        Assert.DoesNotContain("PRIVATE KEY", error.Message);
        Assert.DoesNotContain("not-the-passphrase", error.Message);
    }

    [Fact]
    public async Task An_unpinned_host_key_is_refused_with_the_servers_fingerprint_to_pin()
    {
        var definition = sshd.Definition();
        var options = definition.Options.Where(option => option.Key != "hostKeySha256").ToDictionary();
        await using var isolated = SshdFixture.IsolatedServices();
        using var vfs = isolated.GetRequiredService<VfsBackendFactory>().Create(definition with { Options = options }, definition.Credentials);

        var error = await Assert.ThrowsAsync<VfsException>(() => vfs.ListAsync("/", CancellationToken.None));

        Assert.Contains($"the server's host key is not pinned; after checking it is the server's, set options.hostKeySha256 to {sshd.Server.HostKeySha256}", error.Message);
        Assert.DoesNotContain("Accepted", sshd.Server.Log.Split('\n').Last(line => line.Length > 0));
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_naming_both_fingerprints()
    {
        var pinned = "SHA256:" + Convert.ToBase64String(SHA256.HashData("another server"u8)).TrimEnd('=');
        var definition = sshd.Definition(options: new Dictionary<string, string> { ["hostKeySha256"] = pinned });
        await using var isolated = SshdFixture.IsolatedServices();
        using var vfs = isolated.GetRequiredService<VfsBackendFactory>().Create(definition, definition.Credentials);

        var error = await Assert.ThrowsAsync<VfsException>(() => vfs.ListAsync("/", CancellationToken.None));

        Assert.Contains($"host key mismatch: the server presented {sshd.Server.HostKeySha256}, options.hostKeySha256 pins {pinned}", error.Message);
        Assert.False(error.Transient);
    }

    [Fact]
    public async Task A_password_is_given_at_the_keyboard_interactive_prompt_of_a_server_that_asks_for_it_that_way()
    {
        await using var server = await SshdServer.StartAsync(passwordByKeyboardInteractive: true);
        var definition = new VfsDefinition("pam", "sftp", server.Target, new Dictionary<string, string>
        {
            ["user"] = TestUser.Name,
            ["root"] = server.NewRoot(),
            ["hostKeySha256"] = server.HostKeySha256,
        }, new Dictionary<string, string>());
        using var isolated = SshdFixture.IsolatedServices();
        var factory = isolated.GetRequiredService<VfsBackendFactory>();

        using (var vfs = factory.Create(definition, With(definition, password: TestUser.Password)))
        {
            Assert.True((await vfs.StatAsync("/", CancellationToken.None)).IsDir);
        }

        using var wrong = factory.Create(definition, With(definition, password: "wrong-" + TestUser.Password));
        var error = await Assert.ThrowsAsync<VfsException>(() => wrong.StatAsync("/", CancellationToken.None));

        Assert.Contains("Accepted keyboard-interactive/pam", server.Log);
        Assert.DoesNotContain("Accepted password", server.Log);
        Assert.False(error.Transient, error.Message);
        Assert.DoesNotContain(TestUser.Password, error.Message);
    }

    [Fact]
    public async Task A_wrong_password_is_a_lasting_error_that_names_the_account_not_the_password()
    {
        var definition = sshd.Definition();
        await using var isolated = SshdFixture.IsolatedServices();
        using var vfs = isolated.GetRequiredService<VfsBackendFactory>().Create(definition, With(definition, password: "wrong-" + TestUser.Password));

        var error = await Assert.ThrowsAsync<VfsException>(() => vfs.ListAsync("/", CancellationToken.None));

        Assert.StartsWith($"sftp://aft-test@127.0.0.1:{sshd.Server.Port}: login refused", error.Message);
        Assert.DoesNotContain(TestUser.Password, error.Message);
        Assert.False(error.Transient);
    }

    [Theory]
    [InlineData("target", "127.0.0.1:notaport", null, null)]
    [InlineData("options.user", null, "user", null)]
    [InlineData("options.hostKeySha256", null, "hostKeySha256", "SHA256:tooShort")]
    [InlineData("options.root", null, "root", "relative/folder")]
    [InlineData("options.compression", null, "compression", "yes")]
    [InlineData("credentials.password", null, "password", null)]
    public void Bad_definitions_are_refused_naming_the_field(string field, string? target, string? option, string? value)
    {
        var definition = sshd.Definition();
        var options = definition.Options.ToDictionary();
        var credentials = definition.Credentials.ToDictionary();
        if (option == "password")
        {
            credentials.Remove("password");
        }
        else if (option is not null && value is null)
        {
            options.Remove(option);
        }
        else if (option is not null)
        {
            options[option] = value!;
        }

        var (checkedDefinition, problem) = sshd.Services.GetRequiredService<VfsBackendFactory>()
            .Check(definition with { Target = target ?? definition.Target, Options = options, Credentials = credentials });

        Assert.Null(checkedDefinition);
        Assert.Equal(field, problem!.Field);
    }

    [Fact]
    public void A_passphrase_without_a_key_is_refused()
    {
        var definition = sshd.Definition();

        var (_, problem) = sshd.Services.GetRequiredService<VfsBackendFactory>()
            .Check(definition with { Credentials = new Dictionary<string, string> { ["password"] = "p", ["passphrase"] = "q" } });

        Assert.Equal("credentials.passphrase", problem!.Field);
    }

    [Fact]
    public async Task Back_to_back_runs_share_one_pooled_session()
    {
        var definition = sshd.Definition();
        var before = sshd.Server.Logins;

        for (var run = 0; run < 20; run++)
        {
            using var vfs = sshd.Open(definition);
            await vfs.MkdirAsync($"/run-{run}", parents: true, CancellationToken.None);
            Assert.True((await vfs.StatAsync($"/run-{run}", CancellationToken.None)).IsDir);
        }

        Assert.Equal(1, sshd.Server.Logins - before);
    }

    [Fact]
    public async Task Many_concurrent_operations_never_open_more_sessions_than_maxConnections()
    {
        var definition = sshd.Definition(options: new Dictionary<string, string> { ["maxConnections"] = "2" });
        var before = sshd.Server.Logins;

        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (i, token) =>
        {
            using var vfs = sshd.Open(definition);
            await vfs.WriteAsync($"/f{i}.bin", VfsContent.FromBytes(new byte[256 * 1024]), VfsWriteOptions.Default, token);
        });

        // Every session is one login: 12 writers at a time shared at most two.
        Assert.InRange(sshd.Server.Logins - before, 1, 2);
        using var check = sshd.Open(definition);
        Assert.Equal(40, (await check.ListAsync("/", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_copy_cut_off_by_dropped_sessions_resumes_and_sends_only_the_rest()
    {
        var data = RandomNumberGenerator.GetBytes(96 * 1024 * 1024);
        await File.WriteAllBytesAsync(Path.Join(_temp.Folder("local"), "big.bin"), data);
        var root = sshd.Server.NewRoot();
        using var harness = Harness(root);
        var partials = 0L;
        var cutter = CutWhenPartialGrows(root, 16 * 1024 * 1024, () => sshd.Server.KillSessions(), size => partials = size);

        var lines = harness.RunLogged($"""
            var local = new VirtualFS(VfsTypeDisk, {Quote(_temp.Path)});
            var r = local.CopyToVFS("/local/big.bin", VirtualFSByName("partner"), "/in");
            Log(r.Ok() + " " + r.ErrorMsg());
            """);
        await cutter;

        Assert.Equal("true ", lines[^1]);
        Assert.Contains(lines, line => line.StartsWith("transfer of '/local/big.bin' interrupted", StringComparison.Ordinal));
        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Join(root, "in", "big.bin")));
        Assert.Equal(["big.bin"], Directory.GetFiles(Path.Join(root, "in")).Select(Path.GetFileName));
        // The session that resumed received what was missing (and the SSH framing around it), not the whole file.
        var missing = data.Length - partials;
        Assert.InRange(sshd.Server.BytesReceivedByNewestSession(), missing, (missing * 1.03) + (1024 * 1024));
    }

    [Fact]
    public async Task A_server_that_dies_mid_copy_fails_the_copy_cleanly_and_leaves_no_file_under_its_name()
    {
        var data = RandomNumberGenerator.GetBytes(96 * 1024 * 1024);
        await File.WriteAllBytesAsync(Path.Join(_temp.Folder("local"), "big.bin"), data);
        var root = sshd.Server.NewRoot();
        using var harness = Harness(root);
        var cutter = CutWhenPartialGrows(root, 8 * 1024 * 1024, () => sshd.Server.Kill(), _ => { });
        try
        {
            var lines = harness.RunLogged($"""
                var local = new VirtualFS(VfsTypeDisk, {Quote(_temp.Path)});
                var r = local.CopyToVFS("/local/big.bin", VirtualFSByName("partner"), "/in");
                Log(r.Ok()); Log(r.ErrorMsg());
                """);
            await cutter;

            Assert.Equal("false", lines[^2]);
            Assert.Matches("^'/in/big.bin': the connection to the server was lost|^sftp://aft-test@127.0.0.1:\\d+ is failing|connect", lines[^1]);
            Assert.False(File.Exists(Path.Join(root, "in", "big.bin")));
        }
        finally
        {
            await sshd.Server.RestartAsync();
        }
    }

    [Fact]
    public async Task A_RemoteWatcher_on_an_SFTP_library_entry_reports_a_new_file()
    {
        var root = sshd.Server.NewRoot();
        using var harness = Harness(root);
        var run = Task.Run(() => harness.Run("""
            var rw = new RemoteWatcher("partner", "/");
            rw.IntervalSeconds = 0.2;
            var seen = [];
            rw.Start(function (evt) { seen.push(evt.Event + " " + evt.Object); });
            Log("ready");
            for (var i = 0; i < 100 && seen.length == 0; i++) Sleep(100);
            rw.Stop();
            Log(seen.join());
            """));

        // Written once Start has taken its baseline listing, however long the SFTP connection took.
        await harness.Log.WaitForAsync(line => line == "ready");
        await File.WriteAllTextAsync(Path.Join(root, "arrived.csv"), "1,2");
        await run;

        Assert.Equal(["ready", "CREATE /arrived.csv"], harness.Log.Messages);
    }

    /// <summary>A script harness with an SFTP library entry "partner" on <paramref name="root"/>, retrying transfers quickly.</summary>
    private ScriptHarness Harness(string root)
    {
        var catalog = new CatalogWith(sshd.Definition(root) with { Credentials = new Dictionary<string, string> { ["password"] = "sftp-password" } });
        var harness = new ScriptHarness(
            services => services.AddSingleton<IVfsCatalog>(catalog),
            new Dictionary<string, string?> { ["Vfs:TransferRetryDelay"] = "00:00:00.2", ["Vfs:Connections:ConnectTimeout"] = "00:00:05" });
        harness.Secrets["sftp-password"] = TestUser.Password;
        return harness;
    }

    /// <summary>Watches the partial upload on the server's disk and runs <paramref name="cut"/> once it is past <paramref name="threshold"/>.</summary>
    /// <summary>
    /// Watches for the upload's partial file on a thread of its own (a busy thread pool must not delay the cut until
    /// the upload is over) and cuts once it has grown past <paramref name="threshold"/>.
    /// </summary>
    private static Task CutWhenPartialGrows(string root, long threshold, Action cut, Action<long> sizeAtCut) => Task.Factory.StartNew(() =>
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var partial = Directory.Exists(Path.Join(root, "in"))
                ? new DirectoryInfo(Path.Join(root, "in")).GetFiles("*.aft-part").FirstOrDefault()
                : null;
            if (partial is { Length: var size } && size > threshold)
            {
                cut();
                // Nothing writes to it any more: its size now is where a resumed upload must go on.
                partial.Refresh();
                sizeAtCut(partial.Exists ? partial.Length : 0);
                return;
            }

            Thread.Sleep(2);
        }

        throw new TimeoutException("the upload never got far enough to be cut");
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private sealed class CatalogWith(VfsDefinition definition) : IVfsCatalog
    {
        public VfsDefinition? Find(string name) => name.Equals(definition.Name, StringComparison.OrdinalIgnoreCase) ? definition : null;
    }
}
