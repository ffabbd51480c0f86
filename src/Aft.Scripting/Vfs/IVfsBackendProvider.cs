namespace Aft.Scripting.Vfs;

/// <summary>Creates backends of one type. Register implementations in DI; <see cref="VfsBackendFactory"/> picks them up.</summary>
public interface IVfsBackendProvider
{
    /// <summary>The type name ("disk", "sftp"...), matched case-insensitively.</summary>
    string Type { get; }

    /// <param name="definition">The VFS to open.</param>
    /// <param name="credentials">Credential field to its secret VALUE, already resolved.</param>
    IVfsBackend Create(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials);
}
