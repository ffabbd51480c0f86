using Aft.Scripting.Vfs.Connections;
using Aft.Testing.Servers;

namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>One FTP server for a test class; <see cref="Open"/> gives a VFS on a new empty folder of it.</summary>
public abstract class FtpServerFixture : IAsyncLifetime
{
    private FtpTestServer? _server;

    public FtpTestServer Server => _server ?? throw new InvalidOperationException("not started");

    /// <summary>"ftp" or "ftps".</summary>
    protected abstract string Type { get; }

    public async Task InitializeAsync() => _server = await StartAsync();

    public Task DisposeAsync()
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A VFS of the server's test user; <paramref name="options"/> add to or replace the fixture's own.</summary>
    public FtpTestVfs Open(
        string root, IReadOnlyDictionary<string, string>? options = null, string? password = null, VfsConnectionOptions? connections = null, string host = "127.0.0.1")
    {
        var all = new Dictionary<string, string>(BaseOptions()) { ["user"] = FtpTestServer.User, ["root"] = root };
        foreach (var (name, value) in options ?? new Dictionary<string, string>())
        {
            all[name] = value;
        }

        return FtpTestVfs.Open(Type, $"{host}:{Server.Port}", all, password ?? Server.Password, connections);
    }

    protected abstract Task<FtpTestServer> StartAsync();

    /// <summary>The options every VFS of this server takes (TLS mode, pinned certificate).</summary>
    protected virtual IReadOnlyDictionary<string, string> BaseOptions() => new Dictionary<string, string>();
}
