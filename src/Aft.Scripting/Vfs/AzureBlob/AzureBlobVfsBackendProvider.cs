using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.ObjectStore;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace Aft.Scripting.Vfs.AzureBlob;

/// <summary>
/// The "azureblob" VFS type: an Azure Blob Storage container (or Azurite), <c>target</c> = <c>container[/prefix]</c>.
/// Options: <c>endpoint</c>, <c>account</c>, <c>maxConnections</c>; credentials: <c>accountKey</c> (with
/// <c>account</c>) or <c>connectionString</c>.
/// </summary>
public sealed partial class AzureBlobVfsBackendProvider(VfsConnectionPools pools) : IVfsBackendProvider
{
    public const string TypeName = "azureblob";
    public const string AccountKey = "accountKey";
    public const string ConnectionString = "connectionString";
    private const string Account = "account";

    private readonly ConcurrentDictionary<string, AzureContainer> _containers = new(StringComparer.Ordinal);

    public string Type => TypeName;

    public IReadOnlyList<string> Aliases => ["Azure", "AzureBlob"];

    public IReadOnlyList<VfsOptionSpec> Options =>
    [
        ObjectEndpointUrl.Spec("the blob service URL (e.g. http://127.0.0.1:10000/devstoreaccount1 for Azurite); empty for https://{account}.blob.core.windows.net"),
        new(Account, "the storage account name (needed with credentials.accountKey)", value => AccountName().IsMatch(value) ? null : "must be 3 to 24 lowercase letters and digits"),
        VfsOptionSpec.MaxConnections,
    ];

    public IReadOnlyList<string> CredentialFields => [AccountKey, ConnectionString];

    public VfsDefinitionProblem? Validate(VfsDefinition definition)
    {
        if (!ObjectTarget.TryParse(definition.Target, "container", ContainerNameError, out _, out var error))
        {
            return new VfsDefinitionProblem("target", error!);
        }

        var hasKey = definition.Credentials.ContainsKey(AccountKey);
        var hasConnectionString = definition.Credentials.ContainsKey(ConnectionString);
        return (hasKey, hasConnectionString) switch
        {
            (false, false) => new VfsDefinitionProblem(
                $"credentials.{AccountKey}", $"'credentials.{AccountKey}' (with options.{Account}) or 'credentials.{ConnectionString}' is required"),
            (true, true) => new VfsDefinitionProblem(
                $"credentials.{ConnectionString}", $"give 'credentials.{AccountKey}' or 'credentials.{ConnectionString}', not both"),
            (true, false) when definition.Get(Account) is null => new VfsDefinitionProblem(
                $"options.{Account}", $"'options.{Account}' is required with 'credentials.{AccountKey}'"),
            _ => null,
        };
    }

    /// <summary>
    /// The blob service's host: from <c>endpoint</c>, else the account's. A connection string is a secret that is
    /// not read here; without <c>endpoint</c> or <c>account</c> its definitions share one endpoint entry per container name.
    /// </summary>
    public VfsEndpoint? EndpointOf(VfsDefinition definition)
    {
        var container = Target(definition).Container;
        if (ObjectEndpointUrl.Of(definition) is { } url)
        {
            return new VfsEndpoint(TypeName, url.Host, url.Port, container);
        }

        return new VfsEndpoint(TypeName, definition.Get(Account) is { } account ? $"{account}.blob.core.windows.net" : "blob.core.windows.net", 443, container);
    }

    public IVfsBackend Create(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials)
    {
        var target = Target(definition);
        var container = _containers.GetOrAdd(VfsPoolKey.Of(definition, credentials), poolKey =>
            new AzureContainer(pools, poolKey, EndpointOf(definition)!, definition.MaxConnectionsOf(), Service(definition, credentials).GetBlobContainerClient(target.Container)));
        return new ObjectStoreVfsBackend(new AzureBlobObjectStore(container), target);
    }

    /// <summary>The SDK's service client; a malformed credential is named without repeating it.</summary>
    private BlobServiceClient Service(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials)
    {
        var options = AzureContainer.Options(pools.Options);
        var byConnectionString = credentials.TryGetValue(ConnectionString, out var connectionString);
        try
        {
            return byConnectionString
                ? new BlobServiceClient(connectionString, options)
                : new BlobServiceClient(
                    ObjectEndpointUrl.Of(definition) ?? new Uri($"https://{definition.Get(Account)}.blob.core.windows.net"),
                    new StorageSharedKeyCredential(definition.Get(Account), credentials[AccountKey]),
                    options);
        }
        catch (FormatException ex)
        {
            throw new VfsException(
                byConnectionString
                    ? $"'credentials.{ConnectionString}' is not an Azure Storage connection string"
                    : $"'credentials.{AccountKey}' is not an account key (base64)",
                ex);
        }
    }

    /// <summary>Azure's rules: 3 to 63 lowercase letters, digits and single hyphens, or the special $root and $web.</summary>
    private static string? ContainerNameError(string name) =>
        name is "$root" or "$web" || ContainerName().IsMatch(name)
            ? null
            : "must be 3 to 63 lowercase letters, digits and single '-', starting and ending with a letter or digit";

    private static ObjectTarget Target(VfsDefinition definition)
    {
        ObjectTarget.TryParse(definition.Target, "container", ContainerNameError, out var target, out _);
        return target;
    }

    [GeneratedRegex("^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex AccountName();
}
