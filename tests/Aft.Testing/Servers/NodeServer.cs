namespace Aft.Testing.Servers;

/// <summary>
/// A server npm installed under <c>.test-servers/node</c>, with its own data folder and a free loopback port. The
/// <c>.bin</c> entries are links to scripts with a node shebang; the fixture runs the script with node itself, so
/// the process it kills is the server. <see cref="Kill"/> and <see cref="RestartAsync"/> stop and start it on the
/// same port and data, for tests of a server that dies mid-transfer.
/// </summary>
public sealed class NodeServer : IDisposable
{
    private readonly string _name;
    private readonly IReadOnlyList<string> _commandLine;
    private ServerProcess _process;

    private NodeServer(string name, IReadOnlyList<string> commandLine, string directory, int port, ServerProcess process)
    {
        (_name, _commandLine, Directory, Port, _process) = (name, commandLine, directory, port, process);
    }

    /// <summary>The server's data folder, deleted on dispose.</summary>
    public string Directory { get; }

    public int Port { get; }

    public ServerProcess Process => _process;

    /// <summary>Starts <c>.bin/<paramref name="name"/></c> with the arguments <paramref name="arguments"/> makes of the data folder and port.</summary>
    /// <param name="name">The <c>.bin</c> entry.</param>
    /// <param name="arguments">The server's arguments for a data folder and a port.</param>
    /// <param name="nodeOptions">Options for node itself, before the script.</param>
    public static async Task<NodeServer> StartAsync(string name, Func<string, int, IReadOnlyList<string>> arguments, params IReadOnlyList<string> nodeOptions)
    {
        var link = TestServers.Find(name, $"node/node_modules/.bin/{name}");
        var script = new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? link;
        var directory = System.IO.Directory.CreateTempSubdirectory($"aft-{name}-").FullName;
        var port = LoopbackPorts.Free();
        string[] commandLine = [.. nodeOptions, script, .. arguments(directory, port)];
        return new NodeServer(name, commandLine, directory, port, await StartProcessAsync(name, commandLine, port));
    }

    /// <summary>Kills the server (SIGKILL) and waits until it is gone.</summary>
    public void Kill() => ServerProcess.KillAndWait(_process.Pid);

    /// <summary>Starts the server again on the same port and data.</summary>
    public async Task RestartAsync()
    {
        _process.Dispose();
        _process = await StartProcessAsync(_name, _commandLine, Port);
    }

    public void Dispose()
    {
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static async Task<ServerProcess> StartProcessAsync(string name, IReadOnlyList<string> arguments, int port)
    {
        var node = TestServers.Find("node", "/usr/bin/node", "/usr/local/bin/node");
        var server = await ServerProcess.StartAsync(name, node, arguments, port);
        var command = (await File.ReadAllTextAsync($"/proc/{server.Pid}/comm")).Trim();
        if (command != "node")
        {
            server.Dispose();
            throw new InvalidOperationException($"{name} runs as '{command}', not node: the fixture would not kill the server itself");
        }

        return server;
    }
}
