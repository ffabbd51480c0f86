using System.Security.Cryptography;
using System.Text;
using Aft.Scripting.Vfs;

namespace Aft.Scripting.Tests.Vfs.Contract;

/// <summary>
/// What every VFS backend does the same way, run against the real storage: one subclass per backend opens it on a
/// fresh, empty root for each test. Capabilities a storage lacks (<see cref="VfsCapabilities"/>) must be refused
/// with <see cref="NotSupportedException"/>, and that is checked too.
/// </summary>
public abstract class VfsBackendContract : IAsyncLifetime
{
    private IVfsBackend? _vfs;

    protected IVfsBackend Vfs => _vfs ?? throw new InvalidOperationException("not initialized");

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>A backend whose root is a new, empty folder (or prefix) of the storage.</summary>
    protected abstract Task<IVfsBackend> OpenEmptyAsync();

    public async Task InitializeAsync() => _vfs = await OpenEmptyAsync();

    public virtual Task DisposeAsync()
    {
        _vfs?.Dispose();
        return Task.CompletedTask;
    }

    private bool Has(VfsCapabilities capability) => Vfs.Capabilities.HasFlag(capability);

    protected async Task WriteTextAsync(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var result = await Vfs.WriteAsync(path, VfsContent.FromBytes(bytes), VfsWriteOptions.Default, None);
        Assert.Equal(bytes.Length, result.Length);
    }

    protected async Task<string> ReadTextAsync(string path, long offset = 0)
    {
        await using var stream = await Vfs.OpenReadAsync(path, offset, None);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private async Task<IReadOnlyList<string>> NamesAsync(string folder) =>
        [.. (await Vfs.ListAsync(folder, None)).Select(entry => entry.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_written_file_reads_back_and_stats_with_its_size_and_a_recent_time()
    {
        await WriteTextAsync("/hello.txt", "hello, world");

        var entry = await Vfs.StatAsync("/hello.txt", None);

        Assert.Equal("hello, world", await ReadTextAsync("/hello.txt"));
        Assert.Equal(("hello.txt", "/hello.txt", 12L, false), (entry.Name, entry.Path, entry.Size, entry.IsDir));
        Assert.InRange(entry.ModTime, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [Fact]
    public async Task Writing_an_existing_file_replaces_it()
    {
        await WriteTextAsync("/f.txt", "a much longer first version");
        await WriteTextAsync("/f.txt", "second");

        Assert.Equal("second", await ReadTextAsync("/f.txt"));
        Assert.Equal(6, (await Vfs.StatAsync("/f.txt", None)).Size);
    }

    [Fact]
    public async Task An_empty_file_can_be_written_and_read()
    {
        await WriteTextAsync("/empty.txt", string.Empty);

        Assert.Equal(0, (await Vfs.StatAsync("/empty.txt", None)).Size);
        Assert.Equal(string.Empty, await ReadTextAsync("/empty.txt"));
    }

    [Fact]
    public async Task A_read_can_start_at_an_offset()
    {
        await WriteTextAsync("/digits.txt", "0123456789");

        Assert.Equal("6789", await ReadTextAsync("/digits.txt", 6));
    }

    [Fact]
    public async Task Names_with_spaces_and_non_ascii_letters_work()
    {
        await Vfs.MkdirAsync("/Ordner mit Leerzeichen", parents: true, None);
        await WriteTextAsync("/Ordner mit Leerzeichen/grüße & co.txt", "ü");

        Assert.Equal(["grüße & co.txt"], await NamesAsync("/Ordner mit Leerzeichen"));
        Assert.Equal("ü", await ReadTextAsync("/Ordner mit Leerzeichen/grüße & co.txt"));
    }

    [Fact]
    public async Task A_large_file_is_streamed_both_ways_unchanged()
    {
        var data = RandomNumberGenerator.GetBytes(24 * 1024 * 1024 + 17);

        await Vfs.WriteAsync("/big.bin", VfsContent.FromBytes(data), VfsWriteOptions.Default, None);
        await using var stream = await Vfs.OpenReadAsync("/big.bin", 0, None);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(data.Length, (await Vfs.StatAsync("/big.bin", None)).Size);
        Assert.True(data.AsSpan().SequenceEqual(copy.ToArray()), "the file read back differs from the one written");
    }

    [Fact]
    public async Task Listing_shows_direct_children_files_and_folders()
    {
        await Vfs.MkdirAsync("/d/sub", parents: true, None);
        await WriteTextAsync("/d/one.txt", "1");
        await WriteTextAsync("/d/sub/deep.txt", "2");

        var entries = (await Vfs.ListAsync("/d", None)).OrderBy(entry => entry.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(["one.txt", "sub"], entries.Select(entry => entry.Name));
        Assert.Equal(("/d/one.txt", 1L, false), (entries[0].Path, entries[0].Size, entries[0].IsDir));
        Assert.Equal(("/d/sub", true), (entries[1].Path, entries[1].IsDir));
    }

    [Fact]
    public async Task The_root_lists_and_stats_as_a_folder()
    {
        await WriteTextAsync("/r.txt", "r");

        Assert.Equal(["r.txt"], await NamesAsync("/"));
        Assert.True((await Vfs.StatAsync("/", None)).IsDir);
    }

    [Fact]
    public async Task A_missing_path_is_a_clear_lasting_error_naming_it()
    {
        var stat = await Assert.ThrowsAnyAsync<IOException>(() => Vfs.StatAsync("/nope/missing.txt", None));
        var read = await Assert.ThrowsAnyAsync<IOException>(() => Vfs.OpenReadAsync("/missing.txt", 0, None));

        Assert.Contains("/nope/missing.txt", stat.Message);
        Assert.Contains("no such file", stat.Message);
        Assert.False(stat is VfsException { Transient: true });
        Assert.Contains("/missing.txt", read.Message);
    }

    [Fact]
    public async Task MkdirAll_creates_parents_and_accepts_an_existing_folder()
    {
        await Vfs.MkdirAsync("/x/y/z", parents: true, None);
        await Vfs.MkdirAsync("/x/y", parents: true, None);

        Assert.True((await Vfs.StatAsync("/x/y/z", None)).IsDir);
        Assert.Equal(["y"], await NamesAsync("/x"));
    }

    [Fact]
    public async Task Mkdir_of_one_level_refuses_an_existing_folder_where_folders_exist()
    {
        await Vfs.MkdirAsync("/once", parents: false, None);

        if (Has(VfsCapabilities.Folders))
        {
            await Assert.ThrowsAnyAsync<IOException>(() => Vfs.MkdirAsync("/once", parents: false, None));
        }

        Assert.True((await Vfs.StatAsync("/once", None)).IsDir);
    }

    [Fact]
    public async Task An_empty_folder_is_listed_and_removed_with_Rmdir()
    {
        await Vfs.MkdirAsync("/empty", parents: true, None);

        Assert.Equal(["empty"], await NamesAsync("/"));
        await Vfs.RmdirAsync("/empty", None);
        Assert.Empty(await NamesAsync("/"));
    }

    [Fact]
    public async Task Rmdir_refuses_a_folder_with_files()
    {
        await Vfs.MkdirAsync("/full", parents: true, None);
        await WriteTextAsync("/full/f.txt", "f");

        await Assert.ThrowsAnyAsync<IOException>(() => Vfs.RmdirAsync("/full", None));
        Assert.Equal("f", await ReadTextAsync("/full/f.txt"));
    }

    [Fact]
    public async Task A_file_is_written_into_a_missing_folder_only_where_folders_are_prefixes()
    {
        var write = () => Vfs.WriteAsync("/no/such/f.txt", VfsContent.FromBytes([1]), VfsWriteOptions.Default, None);

        if (Has(VfsCapabilities.Folders))
        {
            await Assert.ThrowsAnyAsync<IOException>(write);
            Assert.Empty(await NamesAsync("/"));
        }
        else
        {
            await write();
            Assert.Equal(1, (await Vfs.StatAsync("/no/such/f.txt", None)).Size);
        }
    }

    [Fact]
    public async Task Rename_moves_a_file_and_replaces_an_existing_target()
    {
        await WriteTextAsync("/one.txt", "one");
        await WriteTextAsync("/two.txt", "two");

        await Vfs.RenameAsync("/one.txt", "/two.txt", None);

        Assert.Equal(["two.txt"], await NamesAsync("/"));
        Assert.Equal("one", await ReadTextAsync("/two.txt"));
    }

    [Fact]
    public async Task Rename_moves_a_folder_with_its_files()
    {
        await Vfs.MkdirAsync("/from/inner", parents: true, None);
        await WriteTextAsync("/from/inner/f.txt", "f");

        await Vfs.RenameAsync("/from", "/to", None);

        Assert.Equal(["to"], await NamesAsync("/"));
        Assert.Equal("f", await ReadTextAsync("/to/inner/f.txt"));
    }

    [Fact]
    public async Task Remove_deletes_a_file_and_refuses_a_missing_one()
    {
        await WriteTextAsync("/gone.txt", "x");

        await Vfs.RemoveAsync("/gone.txt", recursive: false, None);

        Assert.Empty(await NamesAsync("/"));
        await Assert.ThrowsAnyAsync<IOException>(() => Vfs.RemoveAsync("/gone.txt", recursive: false, None));
    }

    [Fact]
    public async Task RemoveAll_deletes_a_tree_and_accepts_a_missing_path()
    {
        await Vfs.MkdirAsync("/t/u", parents: true, None);
        await WriteTextAsync("/t/u/v.txt", "v");
        await WriteTextAsync("/t/w.txt", "w");
        await WriteTextAsync("/keep.txt", "k");

        await Vfs.RemoveAsync("/t", recursive: true, None);
        await Vfs.RemoveAsync("/t", recursive: true, None);

        Assert.Equal(["keep.txt"], await NamesAsync("/"));
    }

    [Fact]
    public async Task TreeSize_sums_a_folder_and_sizes_a_file()
    {
        await Vfs.MkdirAsync("/s/deep", parents: true, None);
        await WriteTextAsync("/s/one.txt", "123");
        await WriteTextAsync("/s/deep/two.txt", "4567");

        Assert.Equal(7, await Vfs.TreeSizeAsync("/s", None));
        Assert.Equal(3, await Vfs.TreeSizeAsync("/s/one.txt", None));
    }

    [Fact]
    public async Task A_write_whose_content_fails_leaves_nothing_under_the_final_name()
    {
        await WriteTextAsync("/kept.txt", "the old version");
        var content = VfsContent.From(1024 * 1024, (_, _) => Task.FromResult<Stream>(new FailingStream(300 * 1024, transient: false)));

        await Assert.ThrowsAnyAsync<Exception>(() => Vfs.WriteAsync("/new.bin", content, VfsWriteOptions.Default, None));
        await Assert.ThrowsAnyAsync<Exception>(() => Vfs.WriteAsync("/kept.txt", content, VfsWriteOptions.Default, None));

        Assert.Equal(["kept.txt"], await NamesAsync("/"));
        Assert.Equal("the old version", await ReadTextAsync("/kept.txt"));
    }

    [Fact]
    public async Task A_write_whose_content_is_shorter_than_announced_is_refused()
    {
        var content = VfsContent.From(10, (_, _) => Task.FromResult<Stream>(new MemoryStream([1, 2, 3])));

        await Assert.ThrowsAnyAsync<IOException>(() => Vfs.WriteAsync("/short.bin", content, VfsWriteOptions.Default, None));

        Assert.Empty(await NamesAsync("/"));
    }

    [Fact]
    public async Task An_interrupted_resumable_write_continues_from_what_was_stored()
    {
        if (!Has(VfsCapabilities.Resume))
        {
            return;
        }

        var data = RandomNumberGenerator.GetBytes(12 * 1024 * 1024);
        var options = new VfsWriteOptions { ResumeKey = "contract-test" };
        var opened = new List<long>();
        var failing = VfsContent.From(data.Length, (offset, _) =>
        {
            opened.Add(offset);
            return Task.FromResult<Stream>(new FailingStream(new MemoryStream(data), 8 * 1024 * 1024, transient: true));
        });

        await Assert.ThrowsAnyAsync<Exception>(() => Vfs.WriteAsync("/resumed.bin", failing, options, None));
        Assert.DoesNotContain("resumed.bin", await NamesAsync("/"));
        var result = await Vfs.WriteAsync("/resumed.bin", VfsContent.From(data.Length, (offset, _) =>
        {
            opened.Add(offset);
            return Task.FromResult<Stream>(new MemoryStream(data, (int)offset, data.Length - (int)offset));
        }), options, None);

        await using var stream = await Vfs.OpenReadAsync("/resumed.bin", 0, None);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.True(data.AsSpan().SequenceEqual(copy.ToArray()), "the resumed file differs from the data");
        Assert.Equal(0, opened[0]);
        Assert.InRange(result.ResumedFrom, 1, 8 * 1024 * 1024);
        Assert.Equal(result.ResumedFrom, opened[1]);
        Assert.Equal(["resumed.bin"], await NamesAsync("/"));
    }

    [Fact]
    public async Task A_storage_that_keeps_MD5s_reports_the_right_one()
    {
        if (!Has(VfsCapabilities.ContentMd5))
        {
            return;
        }

        var data = Encoding.UTF8.GetBytes("checksum me");
        var md5 = Convert.ToHexStringLower(MD5.HashData(data));

        var result = await Vfs.WriteAsync("/sum.txt", VfsContent.FromBytes(data), VfsWriteOptions.Default, None);

        Assert.Equal(md5, result.Md5);
        Assert.Equal(md5, (await Vfs.StatAsync("/sum.txt", None)).Md5);
        Assert.Equal(md5, (await Vfs.ListAsync("/", None)).Single().Md5);
    }

    [Fact]
    public async Task Symlinks_work_or_are_not_supported()
    {
        await WriteTextAsync("/target.txt", "through the link");
        var link = () => Vfs.SymlinkAsync("/target.txt", "/link.txt", None);

        if (!Has(VfsCapabilities.Symlinks))
        {
            await Assert.ThrowsAsync<NotSupportedException>(link);
            return;
        }

        await link();
        Assert.True((await Vfs.LstatAsync("/link.txt", None)).IsSymlink);
        Assert.Equal("through the link", await ReadTextAsync("/link.txt"));
    }

    [Fact]
    public async Task Permissions_work_or_are_not_supported()
    {
        await WriteTextAsync("/mode.txt", "m");
        var chmod = () => Vfs.ChmodAsync("/mode.txt", Convert.ToInt32("640", 8), None);

        if (!Has(VfsCapabilities.Permissions))
        {
            await Assert.ThrowsAsync<NotSupportedException>(chmod);
            return;
        }

        await chmod();
        Assert.Equal(Convert.ToInt32("640", 8), (await Vfs.StatAsync("/mode.txt", None)).Mode & 0x1FF);
    }

    [Fact]
    public async Task Times_can_be_set_or_are_not_supported()
    {
        await WriteTextAsync("/time.txt", "t");
        var when = new DateTimeOffset(2025, 6, 7, 8, 9, 10, TimeSpan.Zero);
        var chtimes = () => Vfs.ChtimesAsync("/time.txt", when, when, None);

        if (!Has(VfsCapabilities.Times))
        {
            await Assert.ThrowsAsync<NotSupportedException>(chtimes);
            return;
        }

        await chtimes();
        Assert.Equal(when, (await Vfs.StatAsync("/time.txt", None)).ModTime);
    }

    [Fact]
    public async Task Truncate_works_or_is_not_supported()
    {
        await WriteTextAsync("/cut.txt", "123456");
        var truncate = () => Vfs.TruncateAsync("/cut.txt", 2, None);

        if (!Has(VfsCapabilities.Truncate))
        {
            await Assert.ThrowsAsync<NotSupportedException>(truncate);
            return;
        }

        await truncate();
        Assert.Equal("12", await ReadTextAsync("/cut.txt"));
    }
}
