using System.Text;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.AzureBlob;

namespace Aft.Scripting.Tests.Vfs.ObjectStore;

public sealed class AzureBlobScenarios(AzuriteFixture azurite) : ObjectStoreScenarios<AzuriteFixture>(azurite)
{
    /// <summary>Block IDs derive from the resume key, so another instance (or process) finds the staged blocks.</summary>
    protected override bool ResumesAcrossInstances => true;

    protected override async Task<long> UncommittedBytesAsync(string key) => (await Fixture.StagedBlocksAsync(key)).Sum();

    [Fact]
    public async Task A_connection_string_alone_opens_the_container()
    {
        var definition = Fixture.Definition(Prefix) with { Options = new Dictionary<string, string>() };
        var vfs = Open(definition, new Dictionary<string, string> { [AzureBlobVfsBackendProvider.ConnectionString] = Fixture.Azurite.ConnectionString });

        await vfs.WriteAsync("/by-connection-string.txt", VfsContent.FromBytes(Encoding.UTF8.GetBytes("cs")), VfsWriteOptions.Default, None);

        Assert.Equal("cs", await ReadTextAsync("/by-connection-string.txt"));
    }

    [Fact]
    public async Task Folder_markers_are_empty_blobs_flagged_as_folders_the_way_Azure_tools_expect()
    {
        await Vfs.MkdirAsync("/marked", parents: false, None);

        var marker = await Fixture.Blobs.GetBlobClient(ObjectStoreFixture.Key(Prefix, "/marked")).GetPropertiesAsync();

        Assert.Equal(0, marker.Value.ContentLength);
        Assert.Equal("true", marker.Value.Metadata["hdi_isfolder"]);
    }

    [Fact]
    public async Task A_folder_marker_never_replaces_a_file_of_the_same_name()
    {
        await WriteTextAsync("/taken", "a file");
        await Vfs.MkdirAsync("/kept", parents: true, None);

        var error = await Assert.ThrowsAsync<VfsException>(() => Vfs.MkdirAsync("/taken/sub", parents: true, None));
        await Vfs.MkdirAsync("/kept", parents: true, None);

        Assert.Contains("'/taken' is a file", error.Message);
        Assert.Equal("a file", await ReadTextAsync("/taken"));
        await Assert.ThrowsAsync<VfsException>(() => Vfs.StatAsync("/taken/sub", None));
        Assert.True((await Vfs.StatAsync("/kept", None)).IsDir);
    }
}
