namespace Aft.Scripting.Vfs;

/// <summary>
/// Creates backends of one type. Register implementations in DI; <see cref="VfsBackendFactory"/> picks them up and
/// checks every definition against <see cref="Options"/>, <see cref="CredentialFields"/> and <see cref="Validate"/>
/// before it reaches <see cref="Create"/>.
/// </summary>
public interface IVfsBackendProvider
{
    /// <summary>The type name ("disk", "sftp"...), matched case-insensitively; definitions are stored with this name.</summary>
    string Type { get; }

    /// <summary>Other names of the type (the SyncJS <c>VfsType*</c> constants, e.g. "Azure" for "azureblob").</summary>
    IReadOnlyList<string> Aliases => [];

    /// <summary>The options a definition of this type may carry; names match case-insensitively and are stored as spelled here.</summary>
    IReadOnlyList<VfsOptionSpec> Options { get; }

    /// <summary>The credential fields a definition of this type may carry.</summary>
    IReadOnlyList<string> CredentialFields { get; }

    /// <summary>
    /// What the option specs cannot check: the target's form, which credentials are required together. Options and
    /// credential field names are already known to be valid. Null when the definition is fine.
    /// </summary>
    VfsDefinitionProblem? Validate(VfsDefinition definition);

    /// <summary>The remote endpoint a definition connects to (for connection limits and health); null for local storage.</summary>
    VfsEndpoint? EndpointOf(VfsDefinition definition) => null;

    /// <param name="definition">The VFS to open, already checked.</param>
    /// <param name="credentials">Credential field to its secret VALUE, already resolved.</param>
    IVfsBackend Create(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials);
}
