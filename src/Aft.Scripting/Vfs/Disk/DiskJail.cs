namespace Aft.Scripting.Vfs.Disk;

/// <summary>
/// Maps VFS paths to host paths under one root folder and refuses any that end up outside it. Symbolic links
/// are resolved segment by segment (a link inside the root that points out, or a linked parent folder, is
/// caught), and the operation then runs on the resolved path.
/// </summary>
public sealed class DiskJail(string root)
{
    private const int MaxLinkHops = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string _root = Path.GetFullPath(root);

    /// <summary>The host path of a normalized VFS path.</summary>
    /// <param name="vfsPath">A normalized VFS path.</param>
    /// <param name="followLast">Follow a link in the last segment too (stat, read, write) or not (lstat, remove, rename).</param>
    public string Resolve(string vfsPath, bool followLast)
    {
        var realRoot = Canonical(_root, followLast: true);
        if (!Directory.Exists(realRoot))
        {
            throw new VfsException("the VFS root folder does not exist");
        }

        var host = Canonical(Path.Join(realRoot, vfsPath), followLast);
        if (!IsInside(host, realRoot))
        {
            throw new VfsException($"'{vfsPath}' resolves outside the VFS root");
        }

        return host;
    }

    /// <summary>Hides the host location of the root in a message that came from the operating system.</summary>
    public string Redact(string message) => message.Replace(_root, string.Empty, PathComparison);

    private static bool IsInside(string path, string root)
    {
        var trimmed = root.TrimEnd(Path.DirectorySeparatorChar);
        return path.Equals(root, PathComparison)
            || path.StartsWith(trimmed + Path.DirectorySeparatorChar, PathComparison);
    }

    private static string Canonical(string path, bool followLast)
    {
        var full = Path.GetFullPath(path);
        var prefix = Path.GetPathRoot(full)!;
        var pending = new LinkedList<string>(Split(full[prefix.Length..]));
        var resolved = new List<string>();
        var hops = 0;
        while (pending.First is { } next)
        {
            pending.RemoveFirst();
            var segment = next.Value;
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            if (pending.Count == 0 && !followLast)
            {
                resolved.Add(segment);
                break;
            }

            var target = LinkTarget(prefix + string.Join(Path.DirectorySeparatorChar, resolved.Append(segment)));
            if (target is null)
            {
                resolved.Add(segment);
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new VfsException("too many levels of symbolic links");
            }

            if (Path.IsPathRooted(target))
            {
                prefix = Path.GetPathRoot(target)!;
                resolved.Clear();
                target = target[prefix.Length..];
            }

            foreach (var part in Split(target).Reverse())
            {
                pending.AddFirst(part);
            }
        }

        return prefix + string.Join(Path.DirectorySeparatorChar, resolved);
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            // A missing segment is not a link; whatever follows it does not exist either.
            return null;
        }
    }

    private static string[] Split(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
