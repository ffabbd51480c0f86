using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aft.Scripting.Tests.Vfs.Contract;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Connections;
using Microsoft.Extensions.DependencyInjection;
using static Aft.Scripting.Tests.Js;

namespace Aft.Scripting.Tests.Vfs.ObjectStore;

/// <summary>
/// What the contract suite does not cover for object stores, against the real server: refused credentials, uploads
/// above the part/block size, resuming them (counted at the source and checked in what the server holds), folder
/// renames and removals on prefixes, and a server killed mid-transfer.
/// </summary>
public abstract class ObjectStoreScenarios<TFixture> : IClassFixture<TFixture>, IAsyncDisposable
    where TFixture : ObjectStoreFixture
{
    protected const int MiB = 1024 * 1024;

    private readonly List<IVfsBackend> _opened = [];
    private readonly List<VfsConnectionPools> _pools = [];

    protected ObjectStoreScenarios(TFixture fixture)
    {
        Fixture = fixture;
        Prefix = $"scenario-{Guid.NewGuid():N}";
        Vfs = Open();
    }

    protected TFixture Fixture { get; }

    /// <summary>This test's prefix of the container.</summary>
    protected string Prefix { get; }

    protected IVfsBackend Vfs { get; }

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>Whether staged parts outlive the backend instance (and the process), or only the instance remembers them.</summary>
    protected abstract bool ResumesAcrossInstances { get; }

    /// <summary>Bytes the server holds in parts or blocks of an upload of <paramref name="key"/> that was not completed.</summary>
    protected abstract Task<long> UncommittedBytesAsync(string key);

    /// <summary>Another VFS on this test's prefix, with its own pools (as another process would have).</summary>
    protected IVfsBackend Open(IReadOnlyDictionary<string, string>? credentials = null) => Open(Fixture.Definition(Prefix), credentials ?? Fixture.Credentials);

    /// <summary>A VFS of <paramref name="definition"/> through the factory, with its own pools, closed after the test.</summary>
    protected IVfsBackend Open(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials)
    {
        var pools = TestPools.Create();
        _pools.Add(pools);
        var vfs = new VfsBackendFactory([Fixture.Provider(pools)]).Create(definition, credentials);
        _opened.Add(vfs);
        return vfs;
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_clearly_and_the_message_holds_no_secret()
    {
        var wrong = Fixture.WrongCredentials();
        var vfs = Open(wrong);

        var stat = await Assert.ThrowsAsync<VfsException>(() => vfs.StatAsync("/any.txt", None));
        var write = await Assert.ThrowsAsync<VfsException>(() => vfs.WriteAsync("/any.txt", VfsContent.FromBytes([1]), VfsWriteOptions.Default, None));
        await Assert.ThrowsAsync<VfsException>(() => vfs.ListAsync("/", None));
        await Assert.ThrowsAsync<VfsException>(() => vfs.TreeSizeAsync("/", None));

        // The server answered every time: a refusal is this definition's problem, not the endpoint's health.
        Assert.Equal("healthy", (await _pools[^1].Gate.GetHealthAsync(vfs.Endpoint!)).State);

        foreach (var error in new[] { stat, write })
        {
            Assert.Contains("/any.txt", error.Message);
            Assert.Contains("denied", error.Message);
            Assert.All(wrong.Keys, field => Assert.Contains($"credentials.{field}", error.Message));
            Assert.All(wrong.Values.Concat(Fixture.Credentials.Values), secret => Assert.DoesNotContain(secret, error.Message));
            Assert.False(error.Transient);
        }
    }

    [Fact]
    public async Task A_large_upload_in_parts_round_trips_byte_exact_with_its_MD5()
    {
        var data = RandomNumberGenerator.GetBytes(40 * MiB + 123);

        var result = await Vfs.WriteAsync("/large.bin", VfsContent.FromBytes(data), VfsWriteOptions.Default, None);

        Assert.Equal((data.LongLength, 0L, Md5(data)), (result.Length, result.ResumedFrom, result.Md5));
        Assert.Equal(data.Length, (await Vfs.StatAsync("/large.bin", None)).Size);
        AssertSameBytes(data, await ReadAsync(Vfs, "/large.bin"));
        AssertSameBytes(data[(33 * MiB + 5)..], await ReadAsync(Vfs, "/large.bin", 33 * MiB + 5));
    }

    [Fact]
    public async Task An_interrupted_large_upload_resumes_after_the_parts_the_server_holds()
    {
        var data = RandomNumberGenerator.GetBytes(40 * MiB + 123);
        var options = new VfsWriteOptions { ResumeKey = "scenario-resume" };
        var failing = VfsContent.From(data.Length, (offset, _) =>
            Task.FromResult<Stream>(new FailingStream(new MemoryStream(data, (int)offset, data.Length - (int)offset), 20 * MiB + 5, transient: true)));

        var cut = await Assert.ThrowsAsync<VfsException>(() => Vfs.WriteAsync("/resumed.bin", failing, options, None));
        var held = await UncommittedBytesAsync(ObjectStoreFixture.Key(Prefix, "/resumed.bin"));
        Assert.Empty(await NamesAsync("/"));
        var second = ResumesAcrossInstances ? Open() : Vfs;
        var sources = new List<SourceStream>();
        var result = await second.WriteAsync("/resumed.bin", VfsContent.From(data.Length, (offset, _) =>
        {
            sources.Add(new SourceStream(data, (int)offset));
            return Task.FromResult<Stream>(sources[^1]);
        }), options, None);

        Assert.True(cut.Transient, cut.Message);
        Assert.Equal(16 * MiB, held);
        Assert.Equal(16 * MiB, result.ResumedFrom);
        Assert.Equal(data.Length - 16 * MiB, sources.Single().Delivered);
        Assert.Equal(0, await UncommittedBytesAsync(ObjectStoreFixture.Key(Prefix, "/resumed.bin")));
        AssertSameBytes(data, await ReadAsync(second, "/resumed.bin"));
    }

    [Fact]
    public async Task A_write_that_cannot_resume_starts_over()
    {
        var data = RandomNumberGenerator.GetBytes(20 * MiB);
        var options = new VfsWriteOptions { ResumeKey = "scenario-restart" };
        var failing = VfsContent.From(data.Length, (_, _) => Task.FromResult<Stream>(new FailingStream(new MemoryStream(data), 9 * MiB, transient: true)));
        await Assert.ThrowsAsync<VfsException>(() => Vfs.WriteAsync("/restarted.bin", failing, options, None));

        var result = await Vfs.WriteAsync("/restarted.bin", VfsContent.FromStream(new MemoryStream(data), data.Length), options, None);

        Assert.Equal(0, result.ResumedFrom);
        AssertSameBytes(data, await ReadAsync(Vfs, "/restarted.bin"));
    }

    [Fact]
    public async Task Renaming_a_folder_moves_every_object_below_it_and_spares_its_neighbours()
    {
        await Vfs.MkdirAsync("/a/empty", parents: true, None);
        foreach (var path in new[] { "/a/x.txt", "/a/b/y.txt", "/a.txt", "/ab.txt", "/ab/z.txt" })
        {
            await WriteTextAsync(path, path);
        }

        await Vfs.RenameAsync("/a", "/c", None);

        Assert.Equal(["a.txt", "ab", "ab.txt", "c"], await NamesAsync("/"));
        Assert.Equal(["b", "empty", "x.txt"], await NamesAsync("/c"));
        Assert.Empty(await NamesAsync("/c/empty"));
        Assert.Equal("/a/b/y.txt", await ReadTextAsync("/c/b/y.txt"));
        Assert.Equal("/ab/z.txt", await ReadTextAsync("/ab/z.txt"));
        await Assert.ThrowsAsync<VfsException>(() => Vfs.StatAsync("/a", None));
    }

    [Fact]
    public async Task RemoveAll_deletes_every_object_under_a_prefix_in_batches_and_spares_its_neighbours()
    {
        // More objects than one S3 delete request takes (1000).
        await Parallel.ForEachAsync(Enumerable.Range(0, 1010), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (index, token) => await Vfs.WriteAsync($"/many/{index % 3}/{index}.txt", VfsContent.FromBytes([1]), VfsWriteOptions.Default, token));
        await Vfs.MkdirAsync("/many/empty", parents: true, None);
        foreach (var path in new[] { "/many.txt", "/many-more/x.txt", "/manyx" })
        {
            await WriteTextAsync(path, path);
        }

        Assert.Equal(1010, await Vfs.TreeSizeAsync("/many", None));
        await Vfs.RemoveAsync("/many", recursive: true, None);

        Assert.Equal(["many-more", "many.txt", "manyx"], await NamesAsync("/"));
        await Assert.ThrowsAsync<VfsException>(() => Vfs.StatAsync("/many", None));
    }

    [Fact]
    public async Task Folders_exist_as_markers_or_as_prefixes_of_objects()
    {
        await Vfs.MkdirAsync("/m", parents: false, None);
        await WriteTextAsync("/p/q/r.txt", "r");

        Assert.True((await Vfs.StatAsync("/m", None)).IsDir);
        Assert.True((await Vfs.StatAsync("/p", None)).IsDir);
        // (s3rver's delimited listing misses prefixes whose objects are all two levels down, so "p" is not listed from "/".)
        Assert.Contains(("m", true), (await Vfs.ListAsync("/", None)).Select(entry => (entry.Name, entry.IsDir)));
        Assert.Empty(await NamesAsync("/m"));
        Assert.Equal([("q", true)], (await Vfs.ListAsync("/p", None)).Select(entry => (entry.Name, entry.IsDir)));
        Assert.Contains("is a folder", (await Assert.ThrowsAsync<VfsException>(() => Vfs.RemoveAsync("/p", recursive: false, None))).Message);
        Assert.Contains("not empty", (await Assert.ThrowsAsync<VfsException>(() => Vfs.RmdirAsync("/p/q", None))).Message);
        Assert.Contains("not a folder", (await Assert.ThrowsAsync<VfsException>(() => Vfs.ListAsync("/p/q/r.txt", None))).Message);
        Assert.Equal(0, await Vfs.TreeSizeAsync("/m", None));
    }

    [Fact]
    public async Task Names_with_characters_that_URLs_escape_work()
    {
        const string folder = "/x y+z%20";
        const string name = folder + "/a+b %41 #1?&=;'.txt";

        await WriteTextAsync(name, "odd");

        Assert.Equal(["x y+z%20"], await NamesAsync("/"));
        Assert.Equal([("a+b %41 #1?&=;'.txt", 3L)], (await Vfs.ListAsync(folder, None)).Select(entry => (entry.Name, entry.Size)));
        Assert.Equal(3, (await Vfs.StatAsync(name, None)).Size);
        Assert.Equal("odd", await ReadTextAsync(name));
    }

    /// <remarks>s3rver reads the copy source with decodeURI, which leaves "#$&+,/:;=?@" escaped, so only other characters are renamed here.</remarks>
    [Fact]
    public async Task Names_with_spaces_percent_signs_and_umlauts_can_be_renamed()
    {
        await WriteTextAsync("/ä b%41/c d%.txt", "odd");

        await Vfs.RenameAsync("/ä b%41", "/ö e%42", None);
        await Vfs.RenameAsync("/ö e%42/c d%.txt", "/ö e%42/f g%.txt", None);

        Assert.Equal(["ö e%42"], await NamesAsync("/"));
        Assert.Equal("odd", await ReadTextAsync("/ö e%42/f g%.txt"));
    }

    [Fact]
    public async Task A_server_killed_mid_transfer_gives_a_transient_error_and_leaves_no_object()
    {
        var data = RandomNumberGenerator.GetBytes(24 * MiB);
        await Vfs.WriteAsync("/whole.bin", VfsContent.FromBytes(data), VfsWriteOptions.Default, None);

        VfsException download;
        await using (var stream = await Vfs.OpenReadAsync("/whole.bin", 0, None))
        {
            await stream.ReadExactlyAsync(new byte[MiB]);
            Fixture.Server.Kill();
            download = await Assert.ThrowsAsync<VfsException>(() => stream.CopyToAsync(Stream.Null));
        }

        await Fixture.RestartAsync();
        var upload = await Assert.ThrowsAsync<VfsException>(() => Open().WriteAsync("/cut.bin", VfsContent.From(data.Length, (offset, _) =>
            Task.FromResult<Stream>(new SourceStream(data, 0, 12 * MiB, Fixture.Server.Kill))), VfsWriteOptions.Default, None));
        await Fixture.RestartAsync();

        Assert.True(download.Transient, download.Message);
        Assert.Contains("/whole.bin", download.Message);
        Assert.True(upload.Transient, upload.Message);
        Assert.Contains("/cut.bin", upload.Message);
        Assert.DoesNotContain("cut.bin", await NamesAsync(Open(), "/"));
    }

    [Fact]
    public async Task A_download_holds_one_of_the_definitions_connections_until_it_is_closed()
    {
        await WriteTextAsync("/held.txt", "held");
        var definition = Fixture.Definition(Prefix);
        var single = Open(definition with { Options = new Dictionary<string, string>(definition.Options) { ["maxConnections"] = "1" } }, Fixture.Credentials);

        var first = await single.OpenReadAsync("/held.txt", 0, None);
        var second = single.OpenReadAsync("/held.txt", 0, None);
        var waited = await Task.WhenAny(second, Task.Delay(500)) != second;
        await first.DisposeAsync();
        await using var opened = await second.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(waited, "the second download did not wait for the only connection");
        Assert.Equal("held", await new StreamReader(opened).ReadToEndAsync());
    }

    [Fact]
    public void Scripts_copy_a_tree_to_the_store_and_back_through_new_VirtualFS_and_a_library_entry()
    {
        using var temp = new TempDirectory();
        var big = RandomNumberGenerator.GetBytes(9 * MiB + 7);
        temp.File("out/tree/a.txt", "alpha");
        File.WriteAllBytes(Path.Join(temp.Folder("out/tree/sub"), "big.bin"), big);
        temp.Folder("out/tree/empty");
        var definition = Fixture.Definition(Prefix);
        var payload = definition.Options.ToDictionary(option => option.Key, object (option) => option.Value);
        payload["credentials"] = Fixture.Credentials;
        var catalog = new InMemoryVfsCatalog().Add(definition with
        {
            Name = "Store",
            Credentials = Fixture.Credentials.ToDictionary(field => field.Key, field => $"store-{field.Key}"),
        });
        using var harness = new ScriptHarness(services => services.AddSingleton<IVfsCatalog>(catalog));
        foreach (var (field, value) in Fixture.Credentials)
        {
            harness.Secrets[$"store-{field}"] = value;
        }

        var lines = harness.RunLogged($$"""
            var disk = new VirtualFS(VfsTypeDisk, {{Quote(temp.Folder("out"))}});
            var store = new VirtualFS({{Fixture.ScriptType}}, {{Quote(definition.Target)}}, {{JsonSerializer.Serialize(payload)}});
            var sent = disk.CopyToVFS("/tree", store, "/");
            Log(sent.Ok() + " " + sent.ErrorMsg());
            Log(store.ReadDir("/tree").Infos().map(function (i) { return i.Name + (i.IsDir ? "/" : ""); }).join(","));
            var back = VirtualFSByName("Store").CopyToVFS("/tree", new VirtualFS(VfsTypeDisk, {{Quote(temp.Folder("back"))}}), "/");
            Log(back.Ok() + " " + back.ErrorMsg());
            """);

        Assert.Equal(["true ", "a.txt,empty/,sub/", "true "], lines);
        Assert.Equal("alpha", temp.Read("back/tree/a.txt"));
        AssertSameBytes(big, File.ReadAllBytes(Path.Join(temp.Path, "back/tree/sub/big.bin")));
        Assert.True(temp.Exists("back/tree/empty"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var vfs in _opened)
        {
            vfs.Dispose();
        }

        foreach (var pools in _pools)
        {
            await pools.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Compares without printing megabytes when they differ.</summary>
    protected static void AssertSameBytes(byte[] expected, byte[] actual) =>
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"{actual.Length} bytes read differ from the {expected.Length} written");

    protected static string Md5(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));

    protected static async Task<byte[]> ReadAsync(IVfsBackend vfs, string path, long offset = 0)
    {
        await using var stream = await vfs.OpenReadAsync(path, offset, None);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    protected Task WriteTextAsync(string path, string text) =>
        Vfs.WriteAsync(path, VfsContent.FromBytes(Encoding.UTF8.GetBytes(text)), VfsWriteOptions.Default, None);

    protected async Task<string> ReadTextAsync(string path) => Encoding.UTF8.GetString(await ReadAsync(Vfs, path));

    protected Task<IReadOnlyList<string>> NamesAsync(string folder) => NamesAsync(Vfs, folder);

    private static async Task<IReadOnlyList<string>> NamesAsync(IVfsBackend vfs, string folder) =>
        [.. (await vfs.ListAsync(folder, None)).Select(entry => entry.Name).Order(StringComparer.Ordinal)];
}
