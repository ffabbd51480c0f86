namespace Aft.Scripting.Vfs;

/// <summary>
/// VFS paths as scripts write them: "/" separated (a "\" counts as a separator too), rooted at the VFS root.
/// A path is relative to that root whether or not it starts with "/"; ".." that would climb above it is refused.
/// </summary>
public static class VfsPath
{
    public const string Root = "/";

    public static string Normalize(string path)
    {
        if (path.Contains('\0'))
        {
            throw new VfsException("the path contains a NUL character");
        }

        var segments = new List<string>();
        foreach (var segment in path.Split('/', '\\'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count == 0)
                    {
                        throw new VfsException($"'{path}' points outside the VFS root");
                    }

                    segments.RemoveAt(segments.Count - 1);
                    continue;
                default:
                    segments.Add(segment);
                    continue;
            }
        }

        return Root + string.Join('/', segments);
    }

    /// <summary>Joins a normalized directory and a single name.</summary>
    public static string Join(string directory, string name) => directory == Root ? Root + name : directory + "/" + name;

    /// <summary>The last segment of a normalized path ("" for the root).</summary>
    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];
}
