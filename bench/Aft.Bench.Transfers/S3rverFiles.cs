using System.Security.Cryptography;

namespace Aft.Bench.Transfers;

/// <summary>
/// A prefix of an s3rver bucket, read and written in s3rver's own file layout (its FilesystemStore, 3.7): the object
/// "a/b.bin" is the file <c>a/b.bin._S3rver_object</c> below the bucket's folder, its MD5 (the ETag) is in
/// <c>a/b.bin._S3rver_object.md5</c> and its headers in <c>a/b.bin._S3rver_metadata.json</c>; a folder marker "a/"
/// is <c>a/._S3rver_object</c>; the parts of an unfinished multipart upload wait in
/// <c>._S3rver_uploads/&lt;upload id&gt;/</c> until it is completed or aborted.
/// </summary>
/// <param name="bucketFolder">The bucket's folder in s3rver's data folder.</param>
/// <param name="prefix">The key prefix that is this side's root ("bench").</param>
public sealed class S3rverFiles(string bucketFolder, string prefix) : ISideFiles
{
    private const string ObjectSuffix = "._S3rver_object";

    private string Uploads => Path.Combine(bucketFolder, "._S3rver_uploads");

    public async Task PutAsync(string path, string source)
    {
        var file = OnDisk(path) + ObjectSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.Copy(source, file);
        await using (var stream = File.OpenRead(file))
        {
            // Without it s3rver would hash the object on the first request for it: in the first measured download.
            await File.WriteAllTextAsync(file + ".md5", Convert.ToHexStringLower(await MD5.HashDataAsync(stream)));
        }

        await File.WriteAllTextAsync(OnDisk(path) + "._S3rver_metadata.json", """{ "content-type": "application/octet-stream" }""");
    }

    /// <summary>Deletes every object below the prefix <paramref name="folder"/> (an object store has no folder to make).</summary>
    public void Clear(string folder)
    {
        if (Directory.Exists(OnDisk(folder)))
        {
            Directory.Delete(OnDisk(folder), recursive: true);
        }
    }

    public async Task<ContentDigest> DigestAsync(string path)
    {
        if (File.Exists(OnDisk(path) + ObjectSuffix))
        {
            return await ContentDigest.OfFileAsync(OnDisk(path) + ObjectSuffix);
        }

        return Directory.Exists(OnDisk(path)) ? await ContentDigest.OfTreeAsync(Objects(OnDisk(path))) : ContentDigest.Missing;
    }

    /// <summary>Objects below <paramref name="folder"/> outside the copy (folder markers aside), and every unfinished multipart upload of the bucket.</summary>
    public IReadOnlyList<string> Leftovers(string folder, string name)
    {
        var objects = Directory.Exists(OnDisk(folder))
            ? Objects(OnDisk(folder)).Select(item => item.Name).Where(key => key != name && !key.StartsWith(name + "/", StringComparison.Ordinal))
            : [];
        var unfinished = Directory.Exists(Uploads)
            ? Directory.GetDirectories(Uploads).Select(upload => $"unfinished multipart upload {Path.GetFileName(upload)}")
            : [];
        return [.. objects, .. unfinished];
    }

    /// <summary>The objects below a folder of the layout, named by their keys relative to it; folder markers (keys ending in '/') left out.</summary>
    private static IEnumerable<(string Name, string File)> Objects(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(ObjectSuffix, StringComparison.Ordinal))
            .Select(file => (Name: Path.GetRelativePath(folder, file)[..^ObjectSuffix.Length], File: file))
            .Where(item => item.Name.Length > 0 && !item.Name.EndsWith('/'));

    private string OnDisk(string path) => Path.Join(bucketFolder, prefix) + path;
}
