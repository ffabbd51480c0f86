namespace Aft.Scripting.Vfs;

/// <summary>
/// Opens a backend for a VFS definition with the provider registered for its type, and is the one place that
/// checks definitions (for the REST API, <c>aft vfs</c>, ephemeral <c>new VirtualFS(...)</c> and every open).
/// </summary>
public sealed class VfsBackendFactory
{
    private readonly Dictionary<string, IVfsBackendProvider> _providers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _types = [];

    public VfsBackendFactory(IEnumerable<IVfsBackendProvider> providers)
    {
        foreach (var provider in providers)
        {
            _types.Add(provider.Type);
            _providers[provider.Type] = provider;
            foreach (var alias in provider.Aliases)
            {
                _providers[alias] = provider;
            }
        }
    }

    public bool Supports(string type) => _providers.ContainsKey(type);

    /// <summary>The VFS types this node can open (canonical names).</summary>
    public IEnumerable<string> Types => _types.Order(StringComparer.OrdinalIgnoreCase);

    /// <summary>The provider of a type or alias, or null.</summary>
    public IVfsBackendProvider? Provider(string type) => _providers.GetValueOrDefault(type);

    /// <summary>
    /// Checks a definition and returns it in stored form: the canonical type name and option names as the provider
    /// spells them. A problem names the field (<c>type</c>, <c>target</c>, <c>options.x</c>, <c>credentials.x</c>)
    /// and never repeats an option or credential value.
    /// </summary>
    public (VfsDefinition? Definition, VfsDefinitionProblem? Problem) Check(VfsDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(definition.Type) || Provider(definition.Type) is not { } provider)
        {
            return (null, new("type", $"'type' must name a supported VFS type (this node: {string.Join(", ", Types)})"));
        }

        if (string.IsNullOrWhiteSpace(definition.Target))
        {
            return (null, new("target", "'target' is required: where the storage is"));
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in definition.Options)
        {
            var spec = provider.Options.FirstOrDefault(option => option.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (spec is null)
            {
                var known = provider.Options.Count == 0 ? "it takes none" : "known: " + string.Join(", ", provider.Options.Select(option => option.Name));
                return (null, new($"options.{name}", $"'options.{name}' is not an option of the {provider.Type} type ({known})"));
            }

            if (spec.Check(value) is { } error)
            {
                return (null, new($"options.{spec.Name}", $"'options.{spec.Name}' {error}"));
            }

            options[spec.Name] = value;
        }

        var credentials = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in definition.Credentials)
        {
            var known = provider.CredentialFields.FirstOrDefault(name => name.Equals(field, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                var fields = provider.CredentialFields.Count == 0 ? "it takes none" : "known: " + string.Join(", ", provider.CredentialFields);
                return (null, new($"credentials.{field}", $"'credentials.{field}' is not a credential of the {provider.Type} type ({fields})"));
            }

            credentials[known] = value;
        }

        var normalized = definition with { Type = provider.Type, Target = definition.Target.Trim(), Options = options, Credentials = credentials };
        return provider.Validate(normalized) is { } problem ? (null, problem) : (normalized, null);
    }

    /// <summary>The endpoint a definition connects to, or null for local storage or an invalid definition.</summary>
    public VfsEndpoint? EndpointOf(VfsDefinition definition) =>
        Check(definition).Definition is { } checkedDefinition ? Provider(checkedDefinition.Type)!.EndpointOf(checkedDefinition) : null;

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
    public IVfsBackend Create(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials)
    {
        var withValues = definition with { Credentials = credentials };
        var (checkedDefinition, problem) = Check(withValues);
        if (checkedDefinition is null)
        {
            throw new VfsException($"VFS '{definition.Name}': {problem!.Message}");
        }

        return Provider(checkedDefinition.Type)!.Create(checkedDefinition, checkedDefinition.Credentials);
    }
}
