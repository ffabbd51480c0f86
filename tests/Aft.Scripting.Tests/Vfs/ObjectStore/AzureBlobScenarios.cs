namespace Aft.Scripting.Tests.Vfs.ObjectStore;

public sealed class AzureBlobScenarios(AzuriteFixture azurite) : ObjectStoreScenarios<AzuriteFixture>(azurite)
{
    /// <summary>Block IDs derive from the resume key, so another instance (or process) finds the staged blocks.</summary>
    protected override bool ResumesAcrossInstances => true;

    protected override async Task<long> UncommittedBytesAsync(string key) => (await Fixture.StagedBlocksAsync(key)).Sum();
}
