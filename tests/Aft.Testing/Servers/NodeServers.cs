namespace Aft.Testing.Servers;

/// <summary>
/// The servers npm installed under <c>.test-servers/node</c>. Their <c>.bin</c> entries are links to scripts with a
/// node shebang; the script is run by node directly, so the process the fixture kills is the server itself.
/// </summary>
public static class NodeServers
{
    /// <summary>The JavaScript file behind <c>node_modules/.bin/<paramref name="name"/></c>.</summary>
    public static string Script(string name)
    {
        var link = TestServers.Find(name, $"node/node_modules/.bin/{name}");
        return new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? link;
    }

    public static async Task<ServerProcess> StartAsync(string name, string script, IEnumerable<string> arguments, int port)
    {
        var node = TestServers.Find("node", "/usr/bin/node", "/usr/local/bin/node");
        var server = await ServerProcess.StartAsync(name, node, arguments.Prepend(script), port);
        var command = await File.ReadAllTextAsync($"/proc/{server.Pid}/comm");
        if (command.Trim() != "node")
        {
            server.Dispose();
            throw new InvalidOperationException($"{name} runs as '{command.Trim()}', not node: the fixture would not kill the server itself");
        }

        return server;
    }
}
