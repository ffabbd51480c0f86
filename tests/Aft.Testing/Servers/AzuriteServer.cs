namespace Aft.Testing.Servers;

/// <summary>
/// Azurite's blob service with the well-known development account. It keeps its data in
/// <see cref="NodeServer.Directory"/>; the caller creates containers.
/// </summary>
public sealed class AzuriteServer(NodeServer server) : IDisposable
{
    public const string Account = "devstoreaccount1";

    /// <summary>The development account's published key (not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public NodeServer Server => server;

    /// <summary>The blob service URL (path style: the account is the first path segment).</summary>
    public string Endpoint => $"http://127.0.0.1:{server.Port}/{Account}";

    public string ConnectionString => $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint={Endpoint};";

    public static async Task<AzuriteServer> StartAsync() =>
        new(await NodeServer.StartAsync("azurite-blob", (directory, port) =>
            ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(), "-l", directory, "--skipApiVersionCheck", "--loose", "--silent"]));

    public void Dispose() => server.Dispose();
}
