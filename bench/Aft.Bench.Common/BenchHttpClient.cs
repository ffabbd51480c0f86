namespace Aft.Bench.Common;

public static class BenchHttpClient
{
    /// <summary>
    /// A client that keeps one connection to <paramref name="baseAddress"/> open (a closed-loop client sends its next
    /// request over it), trusts the server's self-signed certificate (loopback only) and sends <c>X-API-Key</c> when given.
    /// </summary>
    public static HttpClient Create(Uri baseAddress, string? apiKey = null)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }

        return client;
    }
}
