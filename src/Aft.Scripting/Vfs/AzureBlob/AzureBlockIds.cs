using System.Security.Cryptography;
using System.Text;

namespace Aft.Scripting.Vfs.AzureBlob;

/// <summary>
/// The block IDs of one block-list upload: a tag and the block's index, all the same length as Azure requires.
/// For a resumable write the tag comes from the resume key, length and block size, so a later write of the same
/// content (even from another process) names its blocks the same way and finds those already staged.
/// </summary>
public static class AzureBlockIds
{
    public static IReadOnlyList<string> For(string? resumeKey, long length, int blockSize)
    {
        var tag = resumeKey is null
            ? Guid.NewGuid().ToString("N")[..16]
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{resumeKey}\n{length}\n{blockSize}")))[..16];
        var count = (int)((length + blockSize - 1) / blockSize);

        // 24 bytes become 32 base64 characters without padding.
        return [.. Enumerable.Range(0, count).Select(index => Convert.ToBase64String(Encoding.ASCII.GetBytes($"{tag}-{index:D7}")))];
    }
}
