namespace Aft.Scripting.Vfs.Disk;

/// <summary>The "disk" VFS type: the target is a local folder, the root of the VFS.</summary>
public sealed class DiskVfsBackendProvider : IVfsBackendProvider
{
    public const string TypeName = "disk";

    public string Type => TypeName;

    public IVfsBackend Create(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials) =>
        new DiskVfsBackend(definition.Target);
}
