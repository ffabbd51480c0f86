namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>
/// An object-store target, <c>bucket[/prefix]</c> or <c>container[/prefix]</c>: the VFS root is the prefix, so VFS
/// path "/a/b" is the key "prefix/a/b" and nothing outside the prefix can be named.
/// </summary>
/// <param name="Container">The bucket or container.</param>
/// <param name="Prefix">"" or the key prefix with a trailing '/'.</param>
public sealed record ObjectTarget(string Container, string Prefix)
{
    /// <summary>Reads a target; the error names what is wrong (the caller reports it as the <c>target</c> field).</summary>
    /// <param name="target">The definition's target.</param>
    /// <param name="container">"bucket" or "container", for messages.</param>
    /// <param name="nameError">Why a bucket or container name is invalid, or null when it is fine.</param>
    /// <param name="parsed">The target.</param>
    /// <param name="error">Null when the target is fine.</param>
    public static bool TryParse(string target, string container, Func<string, string?> nameError, out ObjectTarget parsed, out string? error)
    {
        parsed = new ObjectTarget(string.Empty, string.Empty);
        var slash = target.IndexOf('/');
        var name = slash < 0 ? target : target[..slash];
        var prefix = slash < 0 ? string.Empty : target[(slash + 1)..].TrimEnd('/');
        if (nameError(name) is { } problem)
        {
            error = $"'target' must be {container}[/prefix]: the {container} name '{name}' {problem}";
            return false;
        }

        if (prefix.Length > 0 && prefix.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            error = $"'target' must be {container}[/prefix]: the prefix '{prefix}' has an empty, '.' or '..' segment";
            return false;
        }

        parsed = new ObjectTarget(name, prefix.Length == 0 ? string.Empty : prefix + "/");
        error = null;
        return true;
    }

    /// <summary>The key of the object at a normalized VFS path (not the root).</summary>
    public string Key(string path) => Prefix + path[1..];

    /// <summary>The key prefix of the folder at a normalized VFS path, ending in '/' (the root: <see cref="Prefix"/>).</summary>
    public string FolderKey(string path) => path == VfsPath.Root ? Prefix : Key(path) + "/";
}
