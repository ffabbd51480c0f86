namespace Aft.Scripting.Vfs;

/// <summary>Opens a backend for a VFS definition with the provider registered for its type.</summary>
public sealed class VfsBackendFactory
{
    private readonly Dictionary<string, IVfsBackendProvider> _providers;

    public VfsBackendFactory(IEnumerable<IVfsBackendProvider> providers)
    {
        _providers = new Dictionary<string, IVfsBackendProvider>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in providers)
        {
            _providers[provider.Type] = provider;
        }
    }

    public bool Supports(string type) => _providers.ContainsKey(type);

    /// <summary>The VFS types this node can open.</summary>
    public IEnumerable<string> Types => _providers.Keys.Order(StringComparer.OrdinalIgnoreCase);

    /// <summary>Opens a library entry, reading its credential secrets now so a rotated secret takes effect at once.</summary>
    public IVfsBackend Create(VfsDefinition definition, ISecretReader secrets)
    {
        var credentials = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, secretName) in definition.Credentials)
        {
            credentials[field] = secrets.Read(secretName)
                ?? throw new VfsException($"VFS '{definition.Name}': the secret '{secretName}' for '{field}' is not set");
        }

        return Create(definition, credentials);
    }

    /// <summary>Opens a VFS whose credentials the caller already holds (an ephemeral <c>new VirtualFS(...)</c>).</summary>
    public IVfsBackend Create(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials) =>
        _providers.TryGetValue(definition.Type, out var provider)
            ? provider.Create(definition, credentials)
            : throw new VfsException($"VFS '{definition.Name}': unknown VFS type '{definition.Type}'");
}
