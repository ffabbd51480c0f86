namespace Aft.Scripting.Vfs;

/// <summary>
/// The VFS Library of the host. Scripts reach it through <c>VirtualFSByName</c>; the runtime looks it up in
/// <see cref="ScriptEnvironment.Services"/> at the moment of the call.
/// </summary>
public interface IVfsCatalog
{
    /// <summary>The entry with that name (names match case-insensitively), or null.</summary>
    VfsDefinition? Find(string name);
}
