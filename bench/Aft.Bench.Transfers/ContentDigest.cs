using System.Security.Cryptography;
using System.Text;

namespace Aft.Bench.Transfers;

/// <summary>What a file or a folder tree holds: its file count, bytes and one SHA-256 over every file's relative path and content.</summary>
public sealed record ContentDigest(int Files, long Bytes, string Sha256)
{
    public static readonly ContentDigest Missing = new(0, 0, "missing");

    /// <summary>The digest of a file, or of a folder and every file below it.</summary>
    public static async Task<ContentDigest> OfAsync(string path)
    {
        if (File.Exists(path))
        {
            return await OfFileAsync(path);
        }

        return Directory.Exists(path)
            ? await OfTreeAsync(Directory.GetFiles(path, "*", SearchOption.AllDirectories).Select(file => (Path.GetRelativePath(path, file), file)))
            : Missing;
    }

    /// <summary>The digest of one file.</summary>
    public static async Task<ContentDigest> OfFileAsync(string file) => new(1, new FileInfo(file).Length, await HashAsync(file));

    /// <summary>The digest of a tree given as its files: each one's path relative to the tree's top ("d000/f000.bin") and where it is on disk.</summary>
    public static async Task<ContentDigest> OfTreeAsync(IEnumerable<(string Name, string File)> files)
    {
        var listing = new StringBuilder();
        long bytes = 0;
        var count = 0;
        foreach (var (name, file) in files.OrderBy(file => file.Name, StringComparer.Ordinal))
        {
            bytes += new FileInfo(file).Length;
            count++;
            listing.Append(name).Append('\0').Append(await HashAsync(file)).Append('\n');
        }

        return new ContentDigest(count, bytes, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString()))));
    }

    private static async Task<string> HashAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}
