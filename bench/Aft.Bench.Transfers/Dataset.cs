using Aft.Testing.Servers;

namespace Aft.Bench.Transfers;

/// <summary>
/// The files every tool copies: a large file (on both sides, for uploads and downloads), a tree of small files
/// (local), and a small warm-up set. Contents are pseudo-random (seeded), so nothing on the way can compress them.
/// </summary>
public sealed class Dataset
{
    public const string BigFile = "/big/big.bin";
    public const string Tree = "/tree";
    public const string WarmFile = "/warm/warm.bin";
    public const string WarmTree = "/warm";
    private const int FilesPerFolder = 100;

    private Dataset(ContentDigest big, ContentDigest tree)
    {
        Big = big;
        TreeDigest = tree;
    }

    public ContentDigest Big { get; }

    public ContentDigest TreeDigest { get; }

    /// <summary>How many folders the tree of <paramref name="files"/> small files spreads over.</summary>
    public static int Folders(int files) => (files + FilesPerFolder - 1) / FilesPerFolder;

    public static async Task<Dataset> CreateAsync(BenchLayout layout, BenchSettings settings)
    {
        var random = new Random(20261125);
        await WriteAsync(random, layout.OnDisk(Side.Local, BigFile), (long)settings.BigFileMiB << 20);
        await WriteAsync(random, layout.OnDisk(Side.Local, WarmFile), 1 << 20);
        for (var i = 0; i < settings.SmallFiles; i++)
        {
            await WriteAsync(random, layout.OnDisk(Side.Local, $"{Tree}/d{i / FilesPerFolder:000}/f{i % FilesPerFolder:000}.bin"), settings.SmallFileKiB * 1024);
            if (i < 16)
            {
                await WriteAsync(random, layout.OnDisk(Side.Local, $"{WarmTree}/small/f{i:00}.bin"), settings.SmallFileKiB * 1024);
            }
        }

        foreach (var file in new[] { BigFile, WarmFile })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(layout.OnDisk(Side.Remote, file))!);
            File.Copy(layout.OnDisk(Side.Local, file), layout.OnDisk(Side.Remote, file));
        }

        SshdServer.GiveToUser(layout.RemoteRoot);
        return new Dataset(await ContentDigest.OfAsync(layout.OnDisk(Side.Local, BigFile)), await ContentDigest.OfAsync(layout.OnDisk(Side.Local, Tree)));
    }

    private static async Task WriteAsync(Random random, string path, long length)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var buffer = new byte[Math.Min(length, 1 << 20)];
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, useAsync: true);
        for (long written = 0; written < length; written += buffer.Length)
        {
            random.NextBytes(buffer);
            await stream.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - written)));
        }
    }
}
