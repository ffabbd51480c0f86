using System.IO.Enumeration;

namespace Aft.Scripting.Watchers;

/// <summary>
/// Include and exclude masks ("*.csv", "report-??.txt") matched case-insensitively against the file name.
/// No include masks means everything is included; an exclude mask always wins.
/// </summary>
public sealed class WatchFilter(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
{
    public bool Accepts(string path)
    {
        var name = path[(path.LastIndexOfAny(['/', '\\']) + 1)..];
        return (include.Count == 0 || include.Any(mask => Matches(mask, name))) && !exclude.Any(mask => Matches(mask, name));
    }

    private static bool Matches(string mask, string name) => FileSystemName.MatchesSimpleExpression(mask, name, ignoreCase: true);
}
