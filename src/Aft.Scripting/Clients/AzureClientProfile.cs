using Aft.Scripting.Vfs;

namespace Aft.Scripting.Clients;

/// <summary>
/// <c>new AzureClient()</c>: <c>Container</c>, <c>AccountName</c>, <c>AccountKey</c>; AFT adds <c>Endpoint</c> (the
/// blob service URL, e.g. Azurite's) and <c>ConnectionString</c> instead of the account and key.
/// </summary>
public sealed class AzureClientProfile : ClientProfile
{
    public override string Name => "AzureClient";

    public override IReadOnlyDictionary<string, string> PropertyOf { get; } = new Dictionary<string, string>
        { ["target"] = "Container", ["options.account"] = "AccountName", ["options.endpoint"] = "Endpoint", ["credentials.accountKey"] = "AccountKey", ["credentials.connectionString"] = "ConnectionString" };

    public override IReadOnlyList<string> Properties { get; } =
        ["Container", "AccountName", "AccountKey", "AccountKeyFromSecret", "Endpoint", "ConnectionString", "ConnectionStringFromSecret"];

    public override (VfsDefinition? Definition, string? Error) Describe(Func<string, string?> get, ISecretReader secrets)
    {
        var credentials = new Dictionary<string, string>();
        var error = Credential(get, secrets, credentials, "accountKey", "AccountKey", "AccountKeyFromSecret")
            ?? Credential(get, secrets, credentials, "connectionString", "ConnectionString", "ConnectionStringFromSecret");
        if (error is not null)
        {
            return (null, error);
        }

        var options = Options(("account", get("AccountName")), ("endpoint", get("Endpoint")));
        return (new VfsDefinition(Name, "azureblob", get("Container") ?? string.Empty, options, credentials), null);
    }
}
