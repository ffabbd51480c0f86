using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.ObjectStore;
using Amazon.Runtime;

namespace Aft.Scripting.Vfs.S3;

/// <summary>
/// The "s3" VFS type: an S3 bucket (AWS or an S3-compatible server such as MinIO), <c>target</c> = <c>bucket[/prefix]</c>.
/// Options: <c>endpoint</c>, <c>region</c>, <c>pathStyle</c>, <c>maxConnections</c>; credentials: <c>accessKeyId</c>
/// and <c>secretAccessKey</c>.
/// </summary>
public sealed partial class S3VfsBackendProvider(VfsConnectionPools pools) : IVfsBackendProvider
{
    public const string TypeName = "s3";
    public const string AccessKeyId = "accessKeyId";
    public const string SecretAccessKey = "secretAccessKey";
    private const string Region = "region";
    private const string PathStyle = "pathStyle";
    private const string DefaultRegion = "us-east-1";

    private readonly ConcurrentDictionary<string, S3Bucket> _buckets = new(StringComparer.Ordinal);

    public string Type => TypeName;

    public IReadOnlyList<string> Aliases => ["S3"];

    public IReadOnlyList<VfsOptionSpec> Options =>
    [
        ObjectEndpointUrl.Spec("the S3 service URL for S3-compatible servers (e.g. http://127.0.0.1:9000); empty for AWS"),
        new(Region, $"the bucket's region (default {DefaultRegion})", value => RegionName().IsMatch(value) ? null : "must be a region name such as eu-central-1"),
        VfsOptionSpec.Boolean(PathStyle, "address the bucket in the URL path rather than the host name (default: true with an endpoint, false for AWS)"),
        VfsOptionSpec.MaxConnections,
    ];

    public IReadOnlyList<string> CredentialFields => [AccessKeyId, SecretAccessKey];

    public VfsDefinitionProblem? Validate(VfsDefinition definition)
    {
        if (!ObjectTarget.TryParse(definition.Target, "bucket", BucketNameError, out _, out var error))
        {
            return new VfsDefinitionProblem("target", error!);
        }

        foreach (var field in CredentialFields)
        {
            if (!definition.Credentials.ContainsKey(field))
            {
                return new VfsDefinitionProblem($"credentials.{field}", $"'credentials.{field}' is required");
            }
        }

        return null;
    }

    public VfsEndpoint? EndpointOf(VfsDefinition definition)
    {
        var bucket = Target(definition).Container;
        return ObjectEndpointUrl.Of(definition) is { } url
            ? new VfsEndpoint(TypeName, url.Host, url.Port, bucket)
            : new VfsEndpoint(TypeName, $"s3.{RegionOf(definition)}.amazonaws.com", 443, bucket);
    }

    public IVfsBackend Create(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials)
    {
        var target = Target(definition);
        var bucket = _buckets.GetOrAdd(VfsPoolKey.Of(definition, credentials), poolKey =>
        {
            var url = ObjectEndpointUrl.Of(definition);
            var config = S3Bucket.Config(url, RegionOf(definition), definition.GetBool(PathStyle, url is not null), pools.Options);
            return new S3Bucket(pools, poolKey, EndpointOf(definition)!, definition.MaxConnectionsOf(), target.Container, config,
                new BasicAWSCredentials(credentials[AccessKeyId], credentials[SecretAccessKey]));
        });
        return new ObjectStoreVfsBackend(new S3ObjectStore(bucket), target);
    }

    /// <summary>AWS's rules for new buckets: 3 to 63 lowercase letters, digits, dots and hyphens, not shaped like an IP address.</summary>
    private static string? BucketNameError(string name) =>
        !BucketName().IsMatch(name) ? "must be 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit"
        : name.Contains("..") ? "must not contain '..'"
        : IPAddress.TryParse(name, out _) ? "must not be an IP address"
        : null;

    private static ObjectTarget Target(VfsDefinition definition)
    {
        ObjectTarget.TryParse(definition.Target, "bucket", BucketNameError, out var target, out _);
        return target;
    }

    private static string RegionOf(VfsDefinition definition) => definition.Get(Region) ?? DefaultRegion;

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex("^[a-z0-9-]{2,40}$")]
    private static partial Regex RegionName();
}
