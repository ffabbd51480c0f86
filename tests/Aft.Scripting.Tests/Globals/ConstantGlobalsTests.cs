namespace Aft.Scripting.Tests.Globals;

public sealed class ConstantGlobalsTests : IDisposable
{
    private readonly ScriptHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Watcher_event_constants_are_the_v3_strings()
    {
        Assert.Equal(["WRITE CREATE REMOVE RENAME CHMOD"], _harness.RunLogged("Log(EVT_WRITE, EVT_CREATE, EVT_REMOVE, EVT_RENAME, EVT_CHMOD);"));
    }

    [Fact]
    public void Vfs_type_constants_have_the_product_values()
    {
        Assert.Equal(["Disk S3 Azure GCP SFTP R2FS"], _harness.RunLogged("Log(VfsTypeDisk, VfsTypeS3, VfsTypeAzure, VfsTypeGCS, VfsTypeSFTP, VfsTypeR2FS);"));
    }

    [Fact]
    public void Sort_constants_have_the_product_values()
    {
        Assert.Equal(["name namedf size time asc desc"], _harness.RunLogged("Log(SortByName, SortByNameDirsFirst, SortBySize, SortByTime, SortAsc, SortDesc);"));
    }

    [Fact]
    public void Seek_transfer_policy_and_listing_constants_have_the_product_values()
    {
        Assert.Equal(["0 1 2", "0 1 2 3", "0 1 2"], _harness.RunLogged("""
            Log(FromStart, FromCurrent, FromEnd);
            Log(NeverOverwrite, AlwaysOverwrite, OverwriteIfDiffSize, OverwriteIfNewer);
            Log(LIST_ALL, LIST_FILES, LIST_DIRS);
            """));
    }
}
