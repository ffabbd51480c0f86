using Jint;
using Jint.Native;

namespace Aft.Scripting.Vfs.Script;

/// <summary>
/// The script view of a <see cref="VfsEntry"/>: <c>Name, Path, Size, ModTime</c> (a <c>Date</c>, so
/// <c>new Date() - item.ModTime</c> is an age in milliseconds), <c>IsDir, IsSymlink, Mode</c>.
/// </summary>
public static class DirListItems
{
    public static JsObject From(Engine engine, VfsEntry entry)
    {
        var item = new JsObject(engine);
        item.Set("Name", entry.Name);
        item.Set("Path", entry.Path);
        item.Set("Size", entry.Size);
        item.Set("ModTime", new JsDate(engine, entry.ModTime));
        item.Set("IsDir", entry.IsDir);
        item.Set("IsSymlink", entry.IsSymlink);
        item.Set("Mode", entry.Mode);
        return item;
    }

    public static JsArray From(Engine engine, IEnumerable<VfsEntry> entries) =>
        new(engine, [.. entries.Select(entry => (JsValue)From(engine, entry))]);
}
