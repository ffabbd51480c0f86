namespace Aft.Bench.Transfers;

/// <summary>
/// The files every tool copies, written to the local side: a large file, a tree of small files, and a small warm-up
/// set. The servers get a copy of <see cref="RemoteFiles"/> to download. Contents are pseudo-random (seeded), so
/// nothing on the way can compress them.
/// </summary>
public sealed class Dataset
{
    public const string BigFile = "/big/big.bin";
    public const string Tree = "/tree";
    public const string WarmFile = "/warm/warm.bin";
    public const string WarmTree = "/warm";
    private const int FilesPerFolder = 100;

    /// <summary>The files every server holds too, for the downloads.</summary>
    public static readonly IReadOnlyList<string> RemoteFiles = [BigFile, WarmFile];

    private Dataset(ContentDigest big, ContentDigest tree)
    {
        Big = big;
        TreeDigest = tree;
    }

    public ContentDigest Big { get; }

    public ContentDigest TreeDigest { get; }

    /// <summary>How many folders the tree of <paramref name="files"/> small files spreads over.</summary>
    public static int Folders(int files) => (files + FilesPerFolder - 1) / FilesPerFolder;

    /// <summary>Writes the data set below <paramref name="localRoot"/>.</summary>
    public static async Task<Dataset> CreateAsync(string localRoot, BenchSettings settings)
    {
        var random = new Random(20261125);
        await WriteAsync(random, localRoot + BigFile, (long)settings.BigFileMiB << 20);
        await WriteAsync(random, localRoot + WarmFile, 1 << 20);
        for (var i = 0; i < settings.SmallFiles; i++)
        {
            await WriteAsync(random, localRoot + $"{Tree}/d{i / FilesPerFolder:000}/f{i % FilesPerFolder:000}.bin", settings.SmallFileKiB * 1024);
            if (i < 16)
            {
                await WriteAsync(random, localRoot + $"{WarmTree}/small/f{i:00}.bin", settings.SmallFileKiB * 1024);
            }
        }

        return new Dataset(await ContentDigest.OfAsync(localRoot + BigFile), await ContentDigest.OfAsync(localRoot + Tree));
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
