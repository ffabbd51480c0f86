using System.Security.Cryptography;
using Aft.Scripting.Tests.Vfs.Contract;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Disk;
using Aft.Scripting.Vfs.Transfers;

namespace Aft.Scripting.Tests.Vfs.Transfers;

/// <summary>The transfer engine between two real disk folders: policies, folders, verification, retries, resume and progress.</summary>
public sealed class VfsTransferTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RecordingLog _log = new();
    private readonly TransferProgress _progress = new();
    private readonly DiskVfsBackend _source;
    private readonly DiskVfsBackend _target;

    public VfsTransferTests()
    {
        _source = new DiskVfsBackend(_temp.Folder("src"));
        _target = new DiskVfsBackend(_temp.Folder("dst"));
    }

    public void Dispose() => _temp.Dispose();

    private VfsTransfer Transfer(int retries = 3) =>
        new(new VfsOptions { TransferRetries = retries, TransferRetryDelay = TimeSpan.FromMilliseconds(10) }, _progress, _log);

    private Task<TransferReport> CopyAsync(string path, string folder, TransferPolicy policy = TransferPolicy.AlwaysOverwrite, IVfsBackend? source = null) =>
        Transfer().CopyIntoAsync(source ?? _source, path, _target, folder, new TransferSettings { Policy = policy }, CancellationToken.None);

    [Fact]
    public async Task The_destination_folder_and_its_parents_are_created_when_missing()
    {
        _temp.File("src/report.csv", "1,2");

        var report = await CopyAsync("/report.csv", "/2026/11/25");

        Assert.True(report.Ok, report.Error);
        Assert.Equal("1,2", _temp.Read("dst/2026/11/25/report.csv"));
    }

    [Theory]
    [InlineData(TransferPolicy.AlwaysOverwrite, "new!", 1, 0)]
    [InlineData(TransferPolicy.NeverOverwrite, "old", 0, 1)]
    [InlineData(TransferPolicy.OverwriteIfDiffSize, "new!", 1, 0)]
    [InlineData(TransferPolicy.OverwriteIfNewer, "new!", 1, 0)]
    public async Task Policies_decide_whether_an_existing_file_is_replaced(TransferPolicy policy, string expected, int transferred, int skipped)
    {
        File.SetLastWriteTimeUtc(_temp.File("dst/f.txt", "old"), DateTime.UtcNow.AddHours(-1));
        _temp.File("src/f.txt", "new!");

        var report = await CopyAsync("/f.txt", "/", policy);

        Assert.Equal(expected, _temp.Read("dst/f.txt"));
        Assert.Equal((transferred, skipped, true), (report.Transferred, report.Skipped, report.Ok));
    }

    [Fact]
    public async Task OverwriteIfDiffSize_and_OverwriteIfNewer_keep_a_file_that_is_the_same_size_or_newer()
    {
        _temp.File("src/same.txt", "abc");
        File.SetLastWriteTimeUtc(_temp.File("dst/same.txt", "xyz"), DateTime.UtcNow.AddHours(1));

        var bySize = await CopyAsync("/same.txt", "/", TransferPolicy.OverwriteIfDiffSize);
        var byTime = await CopyAsync("/same.txt", "/", TransferPolicy.OverwriteIfNewer);

        Assert.Equal((1, 1), (bySize.Skipped, byTime.Skipped));
        Assert.Equal("xyz", _temp.Read("dst/same.txt"));
    }

    [Fact]
    public async Task A_move_that_skipped_a_file_keeps_its_source()
    {
        _temp.File("src/keep.txt", "mine");
        _temp.File("dst/keep.txt", "theirs");

        var report = await Transfer().CopyIntoAsync(_source, "/keep.txt", _target, "/",
            new TransferSettings { Policy = TransferPolicy.NeverOverwrite, DeleteSource = true }, CancellationToken.None);

        Assert.Equal(1, report.Skipped);
        Assert.Equal("mine", _temp.Read("src/keep.txt"));
    }

    [Fact]
    public async Task A_folder_tree_is_copied_with_its_empty_folders_and_progress_counts_every_file()
    {
        _temp.File("src/tree/a.txt", "aa");
        _temp.File("src/tree/sub/b.txt", "bbb");
        _temp.Folder("src/tree/empty");

        var report = await CopyAsync("/tree", "/out");
        var progress = _progress.Snapshot();

        Assert.True(report.Ok, report.Error);
        Assert.Equal("bbb", _temp.Read("dst/out/tree/sub/b.txt"));
        Assert.True(Directory.Exists(Path.Join(_temp.Path, "dst", "out", "tree", "empty")));
        Assert.Equal((5L, 5L, 2, 2, (string?)null), (progress.BytesDone, progress.BytesTotal, progress.FilesDone, progress.FilesTotal, progress.CurrentFile));
    }

    [Fact]
    public async Task A_passing_failure_is_retried_and_the_copy_resumes_where_it_stopped()
    {
        var data = RandomNumberGenerator.GetBytes(3 * 1024 * 1024);
        File.WriteAllBytes(Path.Join(_temp.Path, "src", "big.bin"), data);
        var flaky = new FlakySource(_source, failAfter: 1024 * 1024, failures: 2);

        var report = await CopyAsync("/big.bin", "/", source: flaky);

        Assert.True(report.Ok, report.Error);
        Assert.Equal(data, File.ReadAllBytes(Path.Join(_temp.Path, "dst", "big.bin")));
        Assert.Equal([0, 1024 * 1024, 2 * 1024 * 1024], flaky.Offsets);
        Assert.Equal(2, _log.Messages.Count(line => line.StartsWith("transfer of '/big.bin' interrupted", StringComparison.Ordinal)));
        Assert.Equal(["big.bin"], Directory.GetFiles(Path.Join(_temp.Path, "dst")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task When_retries_run_out_the_copy_fails_and_nothing_is_under_the_final_name()
    {
        File.WriteAllBytes(Path.Join(_temp.Path, "src", "big.bin"), new byte[2 * 1024 * 1024]);
        var flaky = new FlakySource(_source, failAfter: 512 * 1024, failures: 10);

        var report = await Transfer(retries: 2).CopyIntoAsync(flaky, "/big.bin", _target, "/", new TransferSettings(), CancellationToken.None);

        Assert.False(report.Ok);
        Assert.Equal("the source connection was reset (test)", report.Error);
        Assert.False(File.Exists(Path.Join(_temp.Path, "dst", "big.bin")));
        Assert.Equal(1, _progress.Snapshot().FilesFailed);
    }

    [Fact]
    public async Task A_lasting_failure_is_not_retried()
    {
        File.WriteAllBytes(Path.Join(_temp.Path, "src", "big.bin"), new byte[1024 * 1024]);
        var broken = new FlakySource(_source, failAfter: 1000, failures: 1, transient: false);

        var report = await CopyAsync("/big.bin", "/", source: broken);

        Assert.False(report.Ok);
        Assert.Single(broken.Offsets);
        Assert.Empty(Directory.GetFiles(Path.Join(_temp.Path, "dst")));
    }

    [Fact]
    public async Task A_source_whose_recorded_MD5_does_not_match_what_was_read_fails_the_copy()
    {
        _temp.File("src/sum.txt", "payload");
        var lying = new RecordedMd5Source(_source, Convert.ToHexStringLower(MD5.HashData("something else"u8)));

        var report = await CopyAsync("/sum.txt", "/", source: lying);

        Assert.False(report.Ok);
        Assert.Contains("did not read back as stored", report.Error);
        Assert.False(File.Exists(Path.Join(_temp.Path, "dst", "sum.txt")));
    }

    [Fact]
    public async Task A_source_whose_recorded_MD5_matches_is_copied()
    {
        _temp.File("src/sum.txt", "payload");
        var honest = new RecordedMd5Source(_source, Convert.ToHexStringLower(MD5.HashData("payload"u8)));

        Assert.True((await CopyAsync("/sum.txt", "/", source: honest)).Ok);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("payload")]
    public async Task A_listed_MD5_that_the_sources_own_stat_does_not_confirm_is_not_held_against_the_copy(string? statedContent)
    {
        // As S3 lists an SSE-KMS object: its ETag looks like an MD5 in the listing, and only the object's HEAD tells
        // that it is none (no MD5) or gives the right one.
        _temp.File("src/kms.txt", "payload");
        var stated = statedContent is null ? null : Convert.ToHexStringLower(MD5.HashData(System.Text.Encoding.UTF8.GetBytes(statedContent)));
        var source = new RecordedMd5Source(_source, stated);
        var listed = (await _source.StatAsync("/kms.txt", CancellationToken.None)) with { Md5 = Convert.ToHexStringLower(MD5.HashData("an etag, not an md5"u8)) };

        var report = await Transfer().CopyAsync([new TransferItem(source, listed, _target, "/kms.txt")], new TransferSettings(), CancellationToken.None);

        Assert.True(report.Ok, report.Error);
        Assert.Equal("payload", _temp.Read("dst/kms.txt"));
    }

    [Fact]
    public async Task A_listed_MD5_that_the_sources_own_stat_repeats_still_fails_a_copy_that_read_otherwise()
    {
        _temp.File("src/sum.txt", "payload");
        var wrong = Convert.ToHexStringLower(MD5.HashData("something else"u8));
        var source = new RecordedMd5Source(_source, wrong);
        var listed = (await _source.StatAsync("/sum.txt", CancellationToken.None)) with { Md5 = wrong };

        var report = await Transfer().CopyAsync([new TransferItem(source, listed, _target, "/sum.txt")], new TransferSettings(), CancellationToken.None);

        Assert.False(report.Ok);
        Assert.Contains("did not read back as stored", report.Failures.Single().Error);
        Assert.False(File.Exists(Path.Join(_temp.Path, "dst", "sum.txt")));
    }

    [Fact]
    public async Task Several_files_go_at_once_and_a_failure_does_not_hide_the_others_when_the_call_goes_on()
    {
        var items = new List<TransferItem>();
        for (var i = 0; i < 12; i++)
        {
            _temp.File($"src/f{i}.txt", new string('x', i));
            items.Add(new TransferItem(_source, await _source.StatAsync($"/f{i}.txt", CancellationToken.None), _target, $"/many/f{i}.txt"));
        }

        items.Add(new TransferItem(_source, new VfsEntry("gone.txt", "/gone.txt", 3, DateTimeOffset.UtcNow, false, false, 0), _target, "/many/gone.txt"));

        var report = await Transfer().CopyAsync(items, new TransferSettings { StopOnError = false }, CancellationToken.None);

        Assert.Equal(12, report.Transferred);
        Assert.Equal("/gone.txt", Assert.Single(report.Failures).Path);
        Assert.Equal(12, Directory.GetFiles(Path.Join(_temp.Path, "dst", "many")).Length);
    }

    /// <summary>A real disk source whose reads break after some bytes, a given number of times.</summary>
    private sealed class FlakySource(IVfsBackend inner, long failAfter, int failures, bool transient = true) : ForwardingBackend(inner)
    {
        private int _failures = failures;

        public List<long> Offsets { get; } = [];

        public override async Task<Stream> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
        {
            Offsets.Add(offset);
            var stream = await base.OpenReadAsync(path, offset, cancellationToken);
            return Interlocked.Decrement(ref _failures) >= 0 ? new FailingStream(stream, failAfter, transient) : stream;
        }
    }

    /// <summary>A real disk source that claims to keep an MD5 for its files (as object stores do).</summary>
    private sealed class RecordedMd5Source(IVfsBackend inner, string? md5) : ForwardingBackend(inner)
    {
        public override async Task<VfsEntry> StatAsync(string path, CancellationToken cancellationToken) =>
            (await base.StatAsync(path, cancellationToken)) with { Md5 = md5 };
    }
}
