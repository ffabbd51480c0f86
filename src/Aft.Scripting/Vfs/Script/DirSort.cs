namespace Aft.Scripting.Vfs.Script;

/// <summary>The ReadDir orders (the values of the <c>SortBy*</c> and <c>Sort*</c> script constants).</summary>
public static class DirSort
{
    public const string ByName = "name";
    public const string ByNameDirsFirst = "namedf";
    public const string BySize = "size";
    public const string ByTime = "time";
    public const string Ascending = "asc";
    public const string Descending = "desc";

    public static bool IsKnown(string sortBy, string direction) =>
        sortBy is ByName or ByNameDirsFirst or BySize or ByTime && direction is Ascending or Descending;

    public static List<VfsEntry> Apply(IEnumerable<VfsEntry> entries, string sortBy, string direction)
    {
        Comparison<VfsEntry> compare = sortBy switch
        {
            BySize => (a, b) => a.Size.CompareTo(b.Size),
            ByTime => (a, b) => a.ModTime.CompareTo(b.ModTime),
            _ => (_, _) => 0,
        };
        var sign = direction == Descending ? -1 : 1;
        var sorted = entries.ToList();
        sorted.Sort((a, b) =>
        {
            // Folders stay first in "namedf" whichever the direction; only the order within each group turns.
            if (sortBy == ByNameDirsFirst && a.IsDir != b.IsDir)
            {
                return a.IsDir ? -1 : 1;
            }

            var order = compare(a, b);
            return sign * (order != 0 ? order : string.CompareOrdinal(a.Name, b.Name));
        });
        return sorted;
    }
}
