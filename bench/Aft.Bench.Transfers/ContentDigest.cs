using System.Security.Cryptography;
using System.Text;

namespace Aft.Bench.Transfers;

/// <summary>What a file or a folder tree holds: its file count, bytes and one SHA-256 over every file's relative path and content.</summary>
public sealed record ContentDigest(int Files, long Bytes, string Sha256)
{
    public static async Task<ContentDigest> OfAsync(string path)
    {
        if (File.Exists(path))
        {
            return new ContentDigest(1, new FileInfo(path).Length, await HashAsync(path));
        }

        if (!Directory.Exists(path))
        {
            return new ContentDigest(0, 0, "missing");
        }

        var files = Directory.GetFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var listing = new StringBuilder();
        long bytes = 0;
        foreach (var file in files)
        {
            bytes += new FileInfo(file).Length;
            listing.Append(Path.GetRelativePath(path, file)).Append('\0').Append(await HashAsync(file)).Append('\n');
        }

        return new ContentDigest(files.Count, bytes, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString()))));
    }

    private static async Task<string> HashAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}
