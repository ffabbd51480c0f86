namespace Aft.Scripting.Vfs.Disk;

/// <summary>The "disk" VFS type: the target is a local folder, the root of the VFS. It takes no options or credentials.</summary>
public sealed class DiskVfsBackendProvider : IVfsBackendProvider
{
    public const string TypeName = "disk";

    public string Type => TypeName;

    public IReadOnlyList<VfsOptionSpec> Options => [];

    public IReadOnlyList<string> CredentialFields => [];

    public VfsDefinitionProblem? Validate(VfsDefinition definition) =>
        Path.IsPathFullyQualified(definition.Target)
            ? null
            : new VfsDefinitionProblem("target", "'target' must be the absolute path of a local folder (e.g. /srv/outbox)");

    public IVfsBackend Create(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials) =>
        new DiskVfsBackend(definition.Target);
}
