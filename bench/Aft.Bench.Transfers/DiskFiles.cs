using Aft.Testing.Servers;

namespace Aft.Bench.Transfers;

/// <summary>
/// A side that is a plain folder: the local side, or the folder an SFTP or FTP server serves. A server's folders
/// belong to the account it logs in (<see cref="TestUser"/>), so its sessions may write and delete there.
/// </summary>
/// <param name="root">The folder on disk.</param>
/// <param name="ownedByTestUser">Whether what the benchmark puts there is given to the test account.</param>
public sealed class DiskFiles(string root, bool ownedByTestUser) : ISideFiles
{
    public string Root => root;

    public Task PutAsync(string path, string source)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(OnDisk(path))!);
        File.Copy(source, OnDisk(path));
        GiveAway(root);
        return Task.CompletedTask;
    }

    public void Clear(string folder)
    {
        var onDisk = OnDisk(folder);
        if (Directory.Exists(onDisk))
        {
            Directory.Delete(onDisk, recursive: true);
        }

        Directory.CreateDirectory(onDisk);
        GiveAway(onDisk);
    }

    public Task<ContentDigest> DigestAsync(string path) => ContentDigest.OfAsync(OnDisk(path));

    public IReadOnlyList<string> Leftovers(string folder, string name) =>
        [.. Directory.GetFileSystemEntries(OnDisk(folder)).Select(entry => Path.GetFileName(entry)).Where(entry => entry != name)];

    private string OnDisk(string path) => root + path;

    private void GiveAway(string onDisk)
    {
        if (ownedByTestUser)
        {
            SshdServer.GiveToUser(onDisk);
        }
    }
}
