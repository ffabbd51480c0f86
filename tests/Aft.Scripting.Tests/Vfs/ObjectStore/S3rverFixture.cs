using System.Security.Cryptography;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.S3;
using Aft.Testing.Servers;

namespace Aft.Scripting.Tests.Vfs.ObjectStore;

public sealed class S3rverFixture : ObjectStoreFixture
{
    private S3rverServer? _s3rver;

    public S3rverServer S3rver => _s3rver ?? throw new InvalidOperationException("not started");

    public override NodeServer Server => S3rver.Server;

    public override IReadOnlyDictionary<string, string> Credentials { get; } = new Dictionary<string, string>
    {
        [S3VfsBackendProvider.AccessKeyId] = S3rverServer.AccessKeyId,
        [S3VfsBackendProvider.SecretAccessKey] = S3rverServer.SecretAccessKey,
    };

    /// <summary>s3rver checks that the access key exists but not SigV4 signatures, so a wrong secret alone passes there.</summary>
    public override IReadOnlyDictionary<string, string> WrongCredentials() => new Dictionary<string, string>
    {
        [S3VfsBackendProvider.AccessKeyId] = "AKIA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
        [S3VfsBackendProvider.SecretAccessKey] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)),
    };

    public override VfsDefinition Definition(string prefix) =>
        new("s3-test", "s3", $"{S3rver.Bucket}/{prefix}", new Dictionary<string, string> { ["endpoint"] = S3rver.Endpoint }, new Dictionary<string, string>());

    public override string ScriptType => "VfsTypeS3";

    public override IVfsBackendProvider Provider(VfsConnectionPools pools) => new S3VfsBackendProvider(pools);

    /// <summary>Bytes s3rver holds in parts of unfinished multipart uploads of <paramref name="key"/> (it keeps them as files).</summary>
    public long PartBytes(string key)
    {
        var bucket = Path.Join(Server.Directory, S3rver.Bucket);
        return Directory.EnumerateFiles(bucket, "key", SearchOption.AllDirectories)
            .Where(file => File.ReadAllText(file) == key)
            .SelectMany(file => new DirectoryInfo(Path.GetDirectoryName(file)!).EnumerateFiles())
            .Where(part => part.Name.All(char.IsAsciiDigit))
            .Sum(part => part.Length);
    }

    public override async Task InitializeAsync() => _s3rver = await S3rverServer.StartAsync(Container);

    public override Task DisposeAsync()
    {
        _s3rver?.Dispose();
        return Task.CompletedTask;
    }
}
