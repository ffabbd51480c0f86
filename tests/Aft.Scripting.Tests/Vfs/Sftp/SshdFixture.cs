using Aft.Scripting.Vfs;
using Aft.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace Aft.Scripting.Tests.Vfs.Sftp;

/// <summary>One sshd for a test class, and the SyncJS library's services to open SFTP VFSs on it.</summary>
public sealed class SshdFixture : IAsyncLifetime
{
    private ServiceProvider? _services;

    public SshdServer Server { get; private set; } = null!;

    public IServiceProvider Services => _services!;

    public async Task InitializeAsync()
    {
        Server = await SshdServer.StartAsync();
        var services = new ServiceCollection();
        services.AddAftScripting();
        services.AddAftScriptingLibrary();
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await Server.DisposeAsync();
    }

    /// <summary>A definition of an SFTP VFS on a new empty folder, logging in by password unless told otherwise.</summary>
    public VfsDefinition Definition(string? root = null, IDictionary<string, string>? options = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["user"] = TestUser.Name,
            ["root"] = root ?? Server.NewRoot(),
            ["hostKeySha256"] = Server.HostKeySha256,
        };
        foreach (var (key, value) in options ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return new VfsDefinition("partner", "sftp", Server.Target, settings, new Dictionary<string, string> { ["password"] = TestUser.Password });
    }

    public IVfsBackend Open(VfsDefinition definition) =>
        Services.GetRequiredService<VfsBackendFactory>().Create(definition, definition.Credentials);

    /// <summary>
    /// Services of their own (connection pools, endpoint health) for a test that makes connects fail on purpose:
    /// failed logins count against the endpoint, which would then fail fast for the other tests too.
    /// </summary>
    public static ServiceProvider IsolatedServices()
    {
        var services = new ServiceCollection();
        services.AddAftScripting();
        services.AddAftScriptingLibrary();
        return services.BuildServiceProvider();
    }
}
