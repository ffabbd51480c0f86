using Aft.Scripting.Vfs;

namespace Aft.Scripting.Tests.Vfs;

/// <summary>A VFS Library for tests; names match case-insensitively like the host's.</summary>
public sealed class InMemoryVfsCatalog : IVfsCatalog
{
    private readonly Dictionary<string, VfsDefinition> _entries = new(StringComparer.OrdinalIgnoreCase);

    public InMemoryVfsCatalog AddDisk(string name, string folder, IReadOnlyDictionary<string, string>? credentials = null) =>
        Add(new VfsDefinition(name, "disk", folder, new Dictionary<string, string>(), credentials ?? new Dictionary<string, string>()));

    public InMemoryVfsCatalog Add(VfsDefinition definition)
    {
        _entries[definition.Name] = definition;
        return this;
    }

    public VfsDefinition? Find(string name) => _entries.GetValueOrDefault(name);
}
