namespace Aft.Testing.Servers;

/// <summary>
/// s3rver (an S3 server in node) with one bucket. It takes the fixed credentials S3RVER / S3RVER and keeps each
/// object, and each part of an unfinished multipart upload, as files in <see cref="NodeServer.Directory"/>.
/// </summary>
public sealed class S3rverServer(NodeServer server, string bucket) : IDisposable
{
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";

    public NodeServer Server => server;

    public string Bucket => bucket;

    public string Endpoint => $"http://127.0.0.1:{server.Port}";

    /// <remarks>
    /// s3rver encrypts its list continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider: without
    /// it every listing longer than one page fails with 500 InternalError.
    /// </remarks>
    public static async Task<S3rverServer> StartAsync(string bucket = "aft-test") =>
        new(await NodeServer.StartAsync("s3rver", (directory, port) =>
            ["-d", directory, "-a", "127.0.0.1", "-p", port.ToString(), "--silent", "--configure-bucket", bucket], "--openssl-legacy-provider"), bucket);

    public void Dispose() => server.Dispose();
}
