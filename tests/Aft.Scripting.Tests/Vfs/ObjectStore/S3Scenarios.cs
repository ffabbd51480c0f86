namespace Aft.Scripting.Tests.Vfs.ObjectStore;

public sealed class S3Scenarios(S3rverFixture s3rver) : ObjectStoreScenarios<S3rverFixture>(s3rver)
{
    /// <summary>The upload ID and its confirmed parts are remembered by the backend instance.</summary>
    protected override bool ResumesAcrossInstances => false;

    protected override Task<long> UncommittedBytesAsync(string key) => Task.FromResult(Fixture.PartBytes(key));
}
