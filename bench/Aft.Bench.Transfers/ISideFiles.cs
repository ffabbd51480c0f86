namespace Aft.Bench.Transfers;

/// <summary>
/// One side of the transfers as its files lie on this machine's disk (a local folder, a server's folder, an object
/// store's data folder), so the benchmark can prepare and check either side directly, whatever protocol wrote it.
/// Paths are VFS paths below the side's root ("/big/big.bin").
/// </summary>
public interface ISideFiles
{
    /// <summary>Puts a copy of the file <paramref name="source"/> at <paramref name="path"/>, as if a client had stored it.</summary>
    Task PutAsync(string path, string source);

    /// <summary>Makes <paramref name="folder"/> empty (and there, where the side has folders), ready for a copy into it.</summary>
    void Clear(string folder);

    /// <summary>What the file or folder tree at <paramref name="path"/> holds; <see cref="ContentDigest.Missing"/> when it is not there.</summary>
    Task<ContentDigest> DigestAsync(string path);

    /// <summary>What is in <paramref name="folder"/> besides the copy named <paramref name="name"/>: temporary names, partial uploads.</summary>
    IReadOnlyList<string> Leftovers(string folder, string name);
}
