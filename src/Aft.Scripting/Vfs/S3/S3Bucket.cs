using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.ObjectStore;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Aft.Scripting.Vfs.S3;

/// <summary>
/// One bucket as one definition reaches it: the SDK client (thread-safe, holding the HTTP connections) and the
/// request slots. Kept per pool key, so every backend opened from the definition shares them.
/// </summary>
public sealed class S3Bucket
{
    public S3Bucket(VfsConnectionPools pools, string poolKey, VfsEndpoint endpoint, int maxConnections, string name, AmazonS3Config config, AWSCredentials credentials)
    {
        Name = name;
        Endpoint = endpoint;
        var client = new AmazonS3Client(credentials, config);
        client.BeforeRequestEvent += KeepCopySourceSlashes;
        Client = client;
        Slots = new ObjectSlotPool(pools, poolKey, endpoint, maxConnections,
            cancellationToken => Client.HeadBucketAsync(new HeadBucketRequest { BucketName = name }, cancellationToken), Translate);
    }

    public string Name { get; }

    public VfsEndpoint Endpoint { get; }

    public IAmazonS3 Client { get; }

    public ObjectSlotPool Slots { get; }

    /// <summary>The SDK's settings for a definition: no logging, no flexible checksums (S3-compatible servers lack them), timeouts from the pools.</summary>
    public static AmazonS3Config Config(Uri? serviceUrl, string region, bool pathStyle, VfsConnectionOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = pathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            ConnectTimeout = options.ConnectTimeout,
            Timeout = options.OperationTimeout,
            MaxErrorRetry = 2,
            DisableLogging = true,

            // The definition says where the bucket is; AWS_ENDPOINT_URL and profile settings must not redirect it.
            IgnoreConfiguredEndpointUrls = true,
        };
        if (serviceUrl is null)
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = serviceUrl.ToString();
            config.AuthenticationRegion = region;
        }

        return config;
    }

    public VfsException Translate(string subject, Exception exception) => exception switch
    {
        AmazonS3Exception { StatusCode: not 0 } refused => ObjectErrors.Refused(
            subject, Endpoint, (int)refused.StatusCode, refused.ErrorCode, refused.ErrorCode == "NoSuchBucket",
            "credentials.accessKeyId and credentials.secretAccessKey", exception),
        _ when ObjectErrors.IsTransport(exception) => ObjectErrors.NoAnswer(subject, Endpoint, exception),
        _ => new VfsException($"{subject}: {exception.Message}", exception),
    };

    /// <summary>
    /// The SDK escapes the '/'s of x-amz-copy-source ("bucket%2Fkey"); S3 takes them either way, but S3-compatible
    /// servers such as s3rver split the header at literal '/'s. It runs before the request is signed.
    /// </summary>
    private static void KeepCopySourceSlashes(object sender, RequestEventArgs e)
    {
        const string header = "x-amz-copy-source";
        if (e is WebServiceRequestEventArgs { Headers: { } headers } && headers.TryGetValue(header, out var source))
        {
            headers[header] = source.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }
    }
}
