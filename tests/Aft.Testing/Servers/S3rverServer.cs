namespace Aft.Testing.Servers;

/// <summary>
/// s3rver (an S3 server in node) on a free loopback port with its own data folder and one bucket. It takes the
/// fixed credentials S3RVER / S3RVER. <see cref="Kill"/> and <see cref="RestartAsync"/> stop and start the same
/// server on the same data, for tests of a server that dies mid-transfer.
/// </summary>
public sealed class S3rverServer : IDisposable
{
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";

    private readonly string _script;
    private ServerProcess _process;

    private S3rverServer(string script, string directory, int port, string bucket, ServerProcess process)
    {
        _script = script;
        Directory = directory;
        Port = port;
        Bucket = bucket;
        _process = process;
    }

    /// <summary>The data folder: s3rver keeps each object (and each part of an unfinished multipart upload) as files here.</summary>
    public string Directory { get; }

    public int Port { get; }

    public string Bucket { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public ServerProcess Process => _process;

    public static async Task<S3rverServer> StartAsync(string bucket = "aft-test")
    {
        var script = NodeServers.Script("s3rver");
        var directory = System.IO.Directory.CreateTempSubdirectory("aft-s3rver-").FullName;
        var port = LoopbackPorts.Free();
        return new S3rverServer(script, directory, port, bucket, await StartProcessAsync(script, directory, port, bucket));
    }

    /// <summary>Kills the server (SIGKILL) and waits until it is gone.</summary>
    public void Kill() => ServerProcess.KillAndWait(_process.Pid);

    /// <summary>Starts the server again on the same port and data.</summary>
    public async Task RestartAsync()
    {
        _process.Dispose();
        _process = await StartProcessAsync(_script, Directory, Port, Bucket);
    }

    public void Dispose()
    {
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static Task<ServerProcess> StartProcessAsync(string script, string directory, int port, string bucket) =>
        NodeServers.StartAsync("s3rver", script, ["-d", directory, "-a", "127.0.0.1", "-p", port.ToString(), "--silent", "--configure-bucket", bucket], port);
}
