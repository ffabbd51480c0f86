using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Connections;
using Aft.Testing.Servers;

namespace Aft.Scripting.Tests.Vfs.ObjectStore;

/// <summary>One object-store server for a test class; each VFS a test opens gets a fresh prefix of its bucket or container.</summary>
public abstract class ObjectStoreFixture : IAsyncLifetime
{
    public const string Container = "aft-test";

    public abstract NodeServer Server { get; }

    /// <summary>Working credentials.</summary>
    public abstract IReadOnlyDictionary<string, string> Credentials { get; }

    /// <summary>Credentials the server refuses (new random values each time).</summary>
    public abstract IReadOnlyDictionary<string, string> WrongCredentials();

    /// <summary>The definition of a VFS on <paramref name="prefix"/> of the test container.</summary>
    public abstract VfsDefinition Definition(string prefix);

    public abstract IVfsBackendProvider Provider(VfsConnectionPools pools);

    /// <summary>The SyncJS constant scripts name the type with (an alias of it).</summary>
    public abstract string ScriptType { get; }

    /// <summary>The object key of a VFS path of a VFS opened on <paramref name="prefix"/>.</summary>
    public static string Key(string prefix, string path) => prefix + path;

    /// <summary>Opens a VFS through the factory, as scripts do.</summary>
    public IVfsBackend Open(VfsConnectionPools pools, string prefix) => new VfsBackendFactory([Provider(pools)]).Create(Definition(prefix), Credentials);

    /// <summary>Starts the server again after a test killed it, on the same port and data.</summary>
    public virtual Task RestartAsync() => Server.RestartAsync();

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();
}
