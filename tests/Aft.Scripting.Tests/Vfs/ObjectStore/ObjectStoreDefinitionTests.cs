using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.AzureBlob;
using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.S3;

namespace Aft.Scripting.Tests.Vfs.ObjectStore;

/// <summary>How s3 and azureblob definitions are checked (each problem names its field) and which endpoint they use.</summary>
public sealed class ObjectStoreDefinitionTests : IAsyncDisposable
{
    private static readonly Dictionary<string, string> S3Keys = new() { ["accessKeyId"] = "s3-key-id", ["secretAccessKey"] = "s3-secret" };
    private static readonly Dictionary<string, string> AzureKey = new() { ["accountKey"] = "azure-key" };

    private readonly VfsConnectionPools _pools = TestPools.Create();
    private readonly VfsBackendFactory _factory;

    public ObjectStoreDefinitionTests()
    {
        _factory = new VfsBackendFactory([new S3VfsBackendProvider(_pools), new AzureBlobVfsBackendProvider(_pools)]);
    }

    [Theory]
    [InlineData("Upper-Case", "target")]
    [InlineData("under_score", "target")]
    [InlineData("ab", "target")]
    [InlineData("192.168.1.1", "target")]
    [InlineData("dots..twice", "target")]
    [InlineData("bucket/a//b", "target")]
    [InlineData("bucket/../up", "target")]
    [InlineData("bucket/pre/fix/", null)]
    [InlineData("my.bucket-1", null)]
    public void An_s3_target_is_bucket_and_prefix(string target, string? field) =>
        Assert.Equal(field, Problem("s3", target, [], S3Keys)?.Field);

    [Theory]
    [InlineData("endpoint", "not a url", "options.endpoint")]
    [InlineData("endpoint", "ftp://127.0.0.1:21", "options.endpoint")]
    [InlineData("endpoint", "http://127.0.0.1:9000?x=1", "options.endpoint")]
    [InlineData("region", "EU Central", "options.region")]
    [InlineData("pathStyle", "maybe", "options.pathStyle")]
    [InlineData("maxConnections", "0", "options.maxConnections")]
    [InlineData("colour", "blue", "options.colour")]
    [InlineData("endpoint", "https://minio.example.com:9000/", null)]
    [InlineData("ENDPOINT", "", null)]
    public void S3_options_are_checked(string option, string value, string? field) =>
        Assert.Equal(field, Problem("s3", "bucket", new() { [option] = value }, S3Keys)?.Field);

    [Fact]
    public void An_endpoint_with_a_password_in_it_is_refused_without_repeating_it()
    {
        var problem = Problem("s3", "bucket", new() { ["endpoint"] = "http://user:hunter2@127.0.0.1:9000" }, S3Keys);

        Assert.Equal("options.endpoint", problem?.Field);
        Assert.DoesNotContain("hunter2", problem!.Message);
    }

    [Theory]
    [InlineData("accessKeyId", "credentials.secretAccessKey")]
    [InlineData("secretAccessKey", "credentials.accessKeyId")]
    public void S3_needs_both_keys(string only, string field) =>
        Assert.Equal(field, Problem("s3", "bucket", [], new() { [only] = "secret-name" })?.Field);

    [Theory]
    [InlineData("Container", "target")]
    [InlineData("a--b", "target")]
    [InlineData("-ab", "target")]
    [InlineData("container/x/../y", "target")]
    [InlineData("$web/site", null)]
    [InlineData("container-1/pre", null)]
    public void An_azureblob_target_is_container_and_prefix(string target, string? field) =>
        Assert.Equal(field, Problem("azureblob", target, new() { ["account"] = "acct" }, AzureKey)?.Field);

    [Fact]
    public void Azureblob_takes_an_account_key_with_an_account_or_a_connection_string()
    {
        Assert.Equal("credentials.accountKey", Problem("azureblob", "c1c", new() { ["account"] = "acct" }, [])?.Field);
        Assert.Equal("options.account", Problem("azureblob", "c1c", [], AzureKey)?.Field);
        Assert.Equal("options.account", Problem("azureblob", "c1c", new() { ["account"] = "Not-An-Account" }, AzureKey)?.Field);
        Assert.Equal("credentials.connectionString",
            Problem("azureblob", "c1c", new() { ["account"] = "acct" }, new() { ["accountKey"] = "k", ["connectionString"] = "cs" })?.Field);
        Assert.Null(Problem("azureblob", "c1c", [], new() { ["connectionString"] = "cs" }));
        Assert.Null(Problem("azureblob", "c1c", new() { ["account"] = "acct" }, AzureKey));
    }

    [Theory]
    [InlineData("S3", "s3")]
    [InlineData("Azure", "azureblob")]
    [InlineData("AzureBlob", "azureblob")]
    public void The_SyncJS_type_names_are_aliases(string alias, string type)
    {
        var (options, credentials) = type == "s3" ? ([], S3Keys) : (new Dictionary<string, string> { ["account"] = "acct" }, AzureKey);
        var (definition, problem) = _factory.Check(Definition(alias, "container", options, credentials));

        Assert.Null(problem);
        Assert.Equal(type, definition!.Type);
    }

    [Fact]
    public void The_endpoint_is_the_service_host_and_the_bucket_or_container()
    {
        Assert.Equal(new VfsEndpoint("s3", "127.0.0.1", 4568, "bucket"),
            _factory.EndpointOf(Definition("s3", "bucket/pre", new() { ["endpoint"] = "http://127.0.0.1:4568" }, S3Keys)));
        Assert.Equal(new VfsEndpoint("s3", "s3.eu-west-1.amazonaws.com", 443, "bucket"),
            _factory.EndpointOf(Definition("s3", "bucket", new() { ["region"] = "eu-west-1" }, S3Keys)));
        Assert.Equal(new VfsEndpoint("azureblob", "127.0.0.1", 10000, "box"),
            _factory.EndpointOf(Definition("azureblob", "box", new() { ["endpoint"] = "http://127.0.0.1:10000/devstoreaccount1", ["account"] = "devstoreaccount1" }, AzureKey)));
        Assert.Equal(new VfsEndpoint("azureblob", "acct.blob.core.windows.net", 443, "box"),
            _factory.EndpointOf(Definition("azureblob", "box/in", new() { ["account"] = "acct" }, AzureKey)));
    }

    [Theory]
    [InlineData("accountKey", "not base64 at all!", "'credentials.accountKey' is not an account key")]
    [InlineData("connectionString", "AccountName=x;AccountKey", "'credentials.connectionString' is not an Azure Storage connection string")]
    public void A_malformed_azure_credential_is_named_and_not_repeated(string field, string value, string message)
    {
        var error = Assert.Throws<VfsException>(() => _factory.Create(
            Definition("azureblob", "box", new() { ["account"] = "acct" }, []), new Dictionary<string, string> { [field] = value }));

        Assert.Contains(message, error.Message);
        Assert.DoesNotContain(value, error.Message);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_a_transient_error_and_fails_fast_after_three_tries()
    {
        var port = ClosedPort.Next();
        using var vfs = _factory.Create(Definition("s3", "bucket", new() { ["endpoint"] = $"http://127.0.0.1:{port}" }, []), S3Keys);

        var errors = new List<VfsException>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            errors.Add(await Assert.ThrowsAsync<VfsException>(() => vfs.StatAsync("/x.txt", CancellationToken.None)));
        }

        var health = await _pools.Gate.GetHealthAsync(vfs.Endpoint!);
        Assert.All(errors[..3], error => Assert.True(error.Transient, error.Message));
        Assert.All(errors, error => Assert.StartsWith("'/x.txt': ", error.Message));
        Assert.Contains($"no answer from s3://bucket@127.0.0.1:{port}", errors[0].Message);
        Assert.Contains("is failing: 3 connects in a row failed", errors[3].Message);
        Assert.Equal(("failing", 3), (health.State, health.ConsecutiveFailures));
    }

    public async ValueTask DisposeAsync() => await _pools.DisposeAsync();

    private static VfsDefinition Definition(string type, string target, Dictionary<string, string> options, Dictionary<string, string> credentials) =>
        new("objects", type, target, options, credentials);

    private VfsDefinitionProblem? Problem(string type, string target, Dictionary<string, string> options, Dictionary<string, string> credentials) =>
        _factory.Check(Definition(type, target, options, credentials)).Problem;
}
