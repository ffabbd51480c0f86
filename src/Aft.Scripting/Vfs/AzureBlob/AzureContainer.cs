using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.ObjectStore;
using Azure;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;

namespace Aft.Scripting.Vfs.AzureBlob;

/// <summary>
/// One container as one definition reaches it: the SDK client (thread-safe, holding the HTTP connections) and the
/// request slots. Kept per pool key, so every backend opened from the definition shares them.
/// </summary>
public sealed class AzureContainer
{
    public AzureContainer(VfsConnectionPools pools, string poolKey, VfsEndpoint endpoint, int maxConnections, BlobContainerClient client)
    {
        Endpoint = endpoint;
        Client = client;
        Slots = new ObjectSlotPool(pools, poolKey, endpoint, maxConnections, cancellationToken => Client.GetPropertiesAsync(cancellationToken: cancellationToken), Translate);
    }

    public VfsEndpoint Endpoint { get; }

    public BlobContainerClient Client { get; }

    public ObjectSlotPool Slots { get; }

    /// <summary>
    /// The SDK's settings: no request logging (it would write URLs to the host log), few retries of its own (the
    /// transfer engine retries and resumes), and the pools' timeouts.
    /// </summary>
    public static BlobClientOptions Options(VfsConnectionOptions options)
    {
        var settings = new BlobClientOptions
        {
            Transport = new HttpClientTransport(new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout }),
        };
        settings.Retry.MaxRetries = 2;
        settings.Retry.Delay = TimeSpan.FromMilliseconds(500);
        settings.Retry.NetworkTimeout = options.OperationTimeout;
        settings.Diagnostics.IsLoggingEnabled = false;
        settings.Diagnostics.IsDistributedTracingEnabled = false;
        return settings;
    }

    public VfsException Translate(string subject, Exception exception) => exception switch
    {
        RequestFailedException { Status: not 0 } refused => ObjectErrors.Refused(
            subject, Endpoint, refused.Status, refused.ErrorCode, refused.ErrorCode == "ContainerNotFound",
            "credentials.accountKey (with options.account) or credentials.connectionString", exception),
        _ when ObjectErrors.IsTransport(exception) => ObjectErrors.NoAnswer(subject, Endpoint, exception),
        _ => new VfsException($"{subject}: {exception.Message}", exception),
    };
}
